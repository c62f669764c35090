package io.parley.knowledge.internal.crawl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Allow/Disallow path of a robots.txt, matched as Google and RFC 9309 do: from the start of the path, {@code *}
 * standing for any run of characters and a final {@code $} anchoring the end ({@code $} elsewhere is literal).
 *
 * <p>The file is written by whoever runs the crawled site, so a match must stay cheap whatever it contains: no regex
 * (translated to {@code .*}, a pattern like {@code /*a*a*a*a*a*a*a*a*b} backtracks through ~n^8 splits of a long
 * path). The literal pieces between stars are found left to right, each at its earliest position, which is always
 * a correct choice when the only wildcard is {@code *}; each search is Knuth-Morris-Pratt with a table built once,
 * so one match costs O(path + pattern) and nothing is ever retried.
 */
final class RobotsPattern {
    private final String pattern;
    private final boolean anchored;
    /** The literal before the first star, then the literal after each star (possibly empty). */
    private final String[] pieces;

    private final int[][] fallbacks;

    RobotsPattern(String pattern) {
        this.pattern = pattern;
        this.anchored = pattern.endsWith("$");
        String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        this.pieces = pieces(body);
        this.fallbacks = Arrays.stream(pieces).map(RobotsPattern::fallbacks).toArray(int[][]::new);
    }

    /** Its length as written, the "most specific rule" measure of RFC 9309. */
    int length() {
        return pattern.length();
    }

    boolean matches(String path) {
        String prefix = pieces[0];
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (pieces.length == 1) {
            return !anchored || path.length() == prefix.length();
        }
        int from = prefix.length();
        int last = pieces.length - 1;
        for (int i = 1; i < last; i++) {
            int at = find(i, path, from);
            if (at < 0) {
                return false;
            }
            from = at + pieces[i].length();
        }
        String tail = pieces[last];
        if (anchored) {
            return path.length() - tail.length() >= from && path.endsWith(tail);
        }
        return find(last, path, from) >= 0;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** Where piece {@code index} first occurs in {@code text} at or after {@code from}, or -1 (Knuth-Morris-Pratt). */
    private int find(int index, String text, int from) {
        String piece = pieces[index];
        if (piece.isEmpty()) {
            return from;
        }
        int[] fallback = fallbacks[index];
        int matched = 0;
        for (int i = from; i < text.length(); i++) {
            while (matched > 0 && text.charAt(i) != piece.charAt(matched)) {
                matched = fallback[matched - 1];
            }
            if (text.charAt(i) == piece.charAt(matched)) {
                matched++;
            }
            if (matched == piece.length()) {
                return i - matched + 1;
            }
        }
        return -1;
    }

    private static String[] pieces(String body) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int star = body.indexOf('*'); star >= 0; star = body.indexOf('*', start)) {
            pieces.add(body.substring(start, star));
            start = star + 1;
        }
        pieces.add(body.substring(start));
        return pieces.toArray(String[]::new);
    }

    /** For each prefix of {@code piece}: the length of its longest proper prefix that is also its suffix. */
    private static int[] fallbacks(String piece) {
        int[] fallback = new int[piece.length()];
        int length = 0;
        for (int i = 1; i < piece.length(); i++) {
            while (length > 0 && piece.charAt(i) != piece.charAt(length)) {
                length = fallback[length - 1];
            }
            if (piece.charAt(i) == piece.charAt(length)) {
                length++;
            }
            fallback[i] = length;
        }
        return fallback;
    }
}
