package io.parley.platform;

import java.util.Map;

/** The caller is known but may not do this (403): a role too low, or an operator-only route. */
public class ForbiddenException extends ParleyException {
    public ForbiddenException(String message) {
        super("forbidden", message, Map.of(), null);
    }

    public ForbiddenException(String message, Map<String, Object> context) {
        super("forbidden", message, context, null);
    }

    /** A refusal with a code of its own (e.g. {@code origin_not_allowed}). */
    public ForbiddenException(String code, String message, Map<String, Object> context) {
        super(code, message, context, null);
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
