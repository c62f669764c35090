package io.parley.flows.parse;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds text for insensitive comparison: accents removed (NFD, combining marks dropped), lower case, every run of
 * characters that are not letters or digits (spaces, {@code _}, {@code -}, punctuation, emoji) made one space.
 * "Fine-Line", "FINE_LINE" and " fine line! " all fold to "fine line"; "Réalisme" to "realisme".
 */
public final class TextFold {

    private TextFold() {}

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            } else {
                pendingSpace = true;
            }
        }
        return out.toString();
    }
}
