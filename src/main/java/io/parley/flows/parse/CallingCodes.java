package io.parley.flows.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Country calling codes and national trunk prefixes for the {@code phone} parser's {@code default_country}: enough to
 * turn a national number into E.164, not a numbering-plan validation (no libphonenumber). Countries whose national
 * numbers keep their leading 0 (Italy) have no trunk prefix here.
 */
final class CallingCodes {

    /** country:code:trunk, the trunk prefix dropped from national numbers. */
    private static final String TABLE = "AR:54:0,AT:43:0,AU:61:0,BE:32:0,BR:55:0,CA:1:1,CH:41:0,CL:56:,CO:57:,CZ:420:,"
            + "DE:49:0,DK:45:,ES:34:,FI:358:0,FR:33:0,GB:44:0,GR:30:,IE:353:0,IN:91:0,IT:39:,JP:81:0,MX:52:,NL:31:0,"
            + "NO:47:,NZ:64:0,PE:51:0,PL:48:,PT:351:,SE:46:0,TR:90:0,US:1:1,UY:598:0,ZA:27:0";

    record Country(String callingCode, String trunkPrefix) {}

    private static final Map<String, Country> COUNTRIES = load();

    private CallingCodes() {}

    private static Map<String, Country> load() {
        Map<String, Country> map = new HashMap<>();
        for (String row : TABLE.split(",")) {
            String[] parts = row.split(":", -1);
            map.put(parts[0], new Country(parts[1], parts[2]));
        }
        return Map.copyOf(map);
    }

    /** The country for an ISO 3166 alpha-2 code (any case), or null when it is not in the table. */
    static Country of(String country) {
        return country == null ? null : COUNTRIES.get(country.toUpperCase(Locale.ROOT));
    }

    static String known() {
        return String.join(", ", COUNTRIES.keySet().stream().sorted().toList());
    }
}
