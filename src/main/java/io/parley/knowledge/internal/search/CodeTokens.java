package io.parley.knowledge.internal.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code-like tokens kept whole: SKUs, part numbers, error codes ({@code PRL-1042}, {@code A7-33X}, {@code v2.1}).
 * The standard analyzer splits them at the hyphen, so {@code A7-33X} would also match a text with "A7" and "33X"
 * far apart; indexing the whole token as well lets the exact code outrank its parts.
 */
final class CodeTokens {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:[-_./:#][\\p{L}\\p{N}]+)*");
    private static final Pattern DIGIT = Pattern.compile("\\p{N}");
    private static final int MAX_LENGTH = 64;

    private CodeTokens() {}

    /** Lower-cased tokens that contain a digit or an inner separator; ordinary words are left to BM25. */
    static Set<String> of(String text) {
        Set<String> codes = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group();
            boolean joined = token.length() != token.replaceAll("[-_./:#]", "").length();
            if (token.length() <= MAX_LENGTH && (joined || DIGIT.matcher(token).find())) {
                codes.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return codes;
    }
}
