package io.parley.tenancy;

import io.parley.platform.InvalidRequestException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Domain checks shared by the facades; failures become 400 problems naming the field. */
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

    /**
     * A credential sent to a provider in an HTTP header (an access token): printable ASCII without spaces. Anything
     * else could never authenticate and would break the request, so it is refused when it is configured.
     */
    static String requireToken(String field, String value, int maxLength) {
        String token = requireText(field, value, maxLength);
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid(field, "must be printable ASCII without spaces (is it the whole token, copied as it is?)");
        }
        return token;
    }

    static String optionalText(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? null : requireText(field, value, maxLength);
    }

    static String optionalHttpUrl(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw invalid(field, "must be an http(s) URL");
            }
            return value.trim();
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be an http(s) URL");
        }
    }

    static void optionalRange(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
