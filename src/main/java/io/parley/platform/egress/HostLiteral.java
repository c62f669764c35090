package io.parley.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a URL's host says before any name lookup: an IP address written canonically, a DNS name, or an IPv4 address
 * written some other way ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}). Those last
 * ones are refused outright: resolvers, URL parsers and HTTP clients disagree about them, and a check is only as
 * good as its agreement with the code that connects.
 */
sealed interface HostLiteral {
    Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    /** The last label decides whether a host is meant as a number (the WHATWG URL rule): digits, or 0x-hex. */
    Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+(%[0-9a-zA-Z._~-]+)?");

    /** An IP address literal, converted without any lookup. */
    record Address(InetAddress address) implements HostLiteral {}

    /** A DNS name, lower-cased, without a trailing dot. */
    record Name(String name) implements HostLiteral {}

    /** Meant as IPv4 but not four decimal numbers; never looked up or converted. */
    record NonCanonicalIpv4(String host) implements HostLiteral {}

    /** Looks like neither (e.g. a malformed IPv6 literal). */
    record Invalid(String host) implements HostLiteral {}

    /** @param host as a URL carries it; IPv6 with or without brackets */
    static HostLiteral parse(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            return ipv6(h.substring(1, h.length() - 1), host);
        }
        if (h.indexOf(':') >= 0) {
            return ipv6(h, host);
        }
        String name = h.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return new Invalid(host);
        }
        String[] labels = name.split("\\.", -1);
        if (!NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return new Name(name);
        }
        if (h.endsWith(".") || labels.length != 4) {
            return new NonCanonicalIpv4(host);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!OCTET.matcher(labels[i]).matches() || Integer.parseInt(labels[i]) > 255) {
                return new NonCanonicalIpv4(host);
            }
            bytes[i] = (byte) Integer.parseInt(labels[i]);
        }
        return new Address(byAddress(bytes));
    }

    /** A literal known to be valid (constant tables, parsed allow entries). */
    static InetAddress addressOf(String literal) {
        if (parse(literal) instanceof Address address) {
            return address.address();
        }
        throw new IllegalArgumentException("'" + literal + "' is not an IP address");
    }

    private static HostLiteral ipv6(String literal, String host) {
        if (!IPV6_CHARACTERS.matcher(literal).matches()) {
            return new Invalid(host);
        }
        try {
            // In brackets the JDK parses the text as an IPv6 literal and never asks DNS.
            return new Address(InetAddress.getByName("[" + literal + "]"));
        } catch (UnknownHostException e) {
            return new Invalid(host);
        }
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
