package io.parley.knowledge;

import io.parley.platform.ParleyException;
import java.util.Map;

/** An upload the knowledge base cannot take: an unsupported type (415) or too large (413). */
public class UnsupportedContentException extends ParleyException {
    private final boolean tooLarge;

    private UnsupportedContentException(String code, String message, Map<String, Object> context, boolean tooLarge) {
        super(code, message, context, null);
        this.tooLarge = tooLarge;
    }

    public static UnsupportedContentException unsupportedType(String filename) {
        return new UnsupportedContentException(
                "unsupported_media_type",
                "'" + filename + "' is not a supported " + "document type (pdf, docx, xlsx, pptx, html, txt, md)",
                Map.of(),
                false);
    }

    public static UnsupportedContentException tooLarge(long size, long max) {
        return new UnsupportedContentException(
                "content_too_large",
                "The content has " + size + " bytes; at most " + max + " are accepted",
                Map.of("size", size, "max", max),
                true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
