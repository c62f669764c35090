package io.parley.flows.parse;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads a number written with either decimal convention. The rules, in order:
 *
 * <ol>
 *   <li>Both {@code .} and {@code ,}: the last one is the decimal separator, the other groups thousands
 *       ("1.200,50" and "1,200.50" are 1200.50).
 *   <li>One kind, several times: thousands groups ("1.200.000").
 *   <li>One kind, once, followed by exactly three digits, with one to three digits before it other than a lone
 *       {@code 0}: thousands ("1.200" and "1,200" are 1200). Otherwise a decimal separator ("1,5", "12.50",
 *       "0.500").
 * </ol>
 *
 * Thousands groups must be one to three digits, then groups of exactly three; otherwise the token is not a number.
 */
final class DecimalReader {

    /** A number token: digits with single {@code .} or {@code ,} between them; possessive, so linear. */
    static final Pattern TOKEN = Pattern.compile("(?<![\\d.,])\\d++(?:[.,]\\d++)*+");

    private DecimalReader() {}

    /** The value of a {@link #TOKEN}, or null when its separators break the rules. */
    static BigDecimal read(String token) {
        if (token.length() > 40) {
            return null;
        }
        int lastDot = token.lastIndexOf('.');
        int lastComma = token.lastIndexOf(',');
        if (lastDot < 0 && lastComma < 0) {
            return new BigDecimal(token);
        }
        if (lastDot >= 0 && lastComma >= 0) {
            char decimal = lastDot > lastComma ? '.' : ',';
            char grouping = decimal == '.' ? ',' : '.';
            int decimalAt = Math.max(lastDot, lastComma);
            String whole = token.substring(0, decimalAt);
            if (whole.indexOf(decimal) >= 0 || !grouped(whole, grouping)) {
                return null;
            }
            return new BigDecimal(whole.replace(String.valueOf(grouping), "") + "." + token.substring(decimalAt + 1));
        }
        char separator = lastDot >= 0 ? '.' : ',';
        int first = token.indexOf(separator);
        if (first != token.lastIndexOf(separator)) {
            return grouped(token, separator) ? new BigDecimal(token.replace(String.valueOf(separator), "")) : null;
        }
        String before = token.substring(0, first);
        String after = token.substring(first + 1);
        if (after.length() == 3 && before.length() <= 3 && !before.equals("0")) {
            return new BigDecimal(before + after);
        }
        return new BigDecimal(before + "." + after);
    }

    private static boolean grouped(String digits, char grouping) {
        String[] groups = digits.split(Pattern.quote(String.valueOf(grouping)), -1);
        if (groups[0].isEmpty() || groups[0].length() > 3) {
            return groups.length == 1 && !groups[0].isEmpty();
        }
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return false;
            }
        }
        return true;
    }

    /** Plain text without trailing zeros: 10, 12.5, 1200. */
    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** The value without trailing zeros and never in exponent form. */
    static BigDecimal tidy(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
