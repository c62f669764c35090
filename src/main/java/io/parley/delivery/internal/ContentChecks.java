package io.parley.delivery.internal;

import io.parley.platform.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.BreakIterator;
import java.util.Map;

/** Validation helpers for outbound content: every violation is a 400 {@code validation_failed} naming the field. */
public final class ContentChecks {
    private ContentChecks() {}

    public static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("validation_failed", message, Map.of("field", field));
    }

    public static void check(String field, boolean ok, String message) {
        if (!ok) {
            throw invalid(field, message);
        }
    }

    public static void required(String field, String value) {
        check(field, value != null && !value.isBlank(), field + " is required");
    }

    /** Length in characters as a person counts them (code points), not UTF-16 units. */
    public static void length(String field, String value, int min, int max) {
        required(field, value);
        int count = value.codePointCount(0, value.length());
        check(field, count >= min && count <= max, field + " must have " + min + " to " + max + " characters");
    }

    public static void httpsUrl(String field, String value, int maxLength) {
        length(field, value, 1, maxLength);
        try {
            URI uri = new URI(value);
            check(
                    field,
                    "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null,
                    field + " must be an https URL");
        } catch (URISyntaxException e) {
            throw invalid(field, field + " must be an https URL");
        }
    }

    /** User-perceived characters (extended grapheme clusters): a flag or a family emoji counts as one. */
    public static int graphemes(String value) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(value);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }
}
