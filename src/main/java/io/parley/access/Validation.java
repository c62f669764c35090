package io.parley.access;

import io.parley.platform.InvalidRequestException;
import java.util.List;
import java.util.Map;

/** Checks of names, emails and passwords; failures become 400 problems naming the field. */
final class Validation {
    private Validation() {}

    static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        String trimmed = value.trim();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
