package io.parley.flows.parse;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which currency a symbol or word next to an amount names. Symbols: € EUR, £ GBP, ¥ JPY, ₹ INR, and $ USD unless the
 * step's default currency is itself a dollar or peso currency (then $ is that one). Words (any case): eur, euro(s),
 * usd, dollar(s), buck(s), gbp, pound(s), quid, chf, franc(s), jpy, yen. Any other ISO 4217 code counts only in
 * capitals ("300 SEK"), so ordinary words ("all", "try") are not read as currencies.
 */
final class CurrencyMarkers {

    private static final Map<String, String> SYMBOLS =
            Map.of("€", "EUR", "£", "GBP", "¥", "JPY", "₹", "INR", "$", "USD");
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("eur", "EUR"),
            Map.entry("euro", "EUR"),
            Map.entry("euros", "EUR"),
            Map.entry("usd", "USD"),
            Map.entry("dollar", "USD"),
            Map.entry("dollars", "USD"),
            Map.entry("buck", "USD"),
            Map.entry("bucks", "USD"),
            Map.entry("gbp", "GBP"),
            Map.entry("pound", "GBP"),
            Map.entry("pounds", "GBP"),
            Map.entry("quid", "GBP"),
            Map.entry("chf", "CHF"),
            Map.entry("franc", "CHF"),
            Map.entry("francs", "CHF"),
            Map.entry("jpy", "JPY"),
            Map.entry("yen", "JPY"));
    private static final Set<String> DOLLAR_LIKE =
            Set.of("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "UYU");

    private CurrencyMarkers() {}

    /** The currency a symbol names, or null. */
    static String symbol(char symbol, String defaultCurrency) {
        String code = SYMBOLS.get(String.valueOf(symbol));
        if ("USD".equals(code) && defaultCurrency != null && DOLLAR_LIKE.contains(defaultCurrency)) {
            return defaultCurrency;
        }
        return code;
    }

    static boolean isSymbol(char c) {
        return SYMBOLS.containsKey(String.valueOf(c));
    }

    /** The currency a word names, or null. */
    static String word(String word) {
        String known = WORDS.get(word.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        return word.length() == 3 && word.equals(word.toUpperCase(Locale.ROOT)) && isIsoCode(word) ? word : null;
    }

    static boolean isIsoCode(String code) {
        if (code == null || code.length() != 3) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Digits after the decimal point in minor units (EUR 2, JPY 0). */
    static int minorDigits(String code) {
        return Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
    }
}
