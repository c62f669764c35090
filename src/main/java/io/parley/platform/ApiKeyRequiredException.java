package io.parley.platform;

import java.util.List;
import java.util.Map;

/**
 * 400 {@code api_key_required}: a change would send a stored provider key to a provider or base URL it was not
 * entered for (ADR 25). The request must bring a new key, or remove the stored one, in the same change.
 */
public class ApiKeyRequiredException extends InvalidRequestException {
    public ApiKeyRequiredException(String field) {
        super(
                "api_key_required",
                message(field),
                Map.of("field", field, "errors", List.of(Map.of("field", field, "message", message(field)))));
    }

    private static String message(String field) {
        return "Changing the provider or base URL needs a new " + field + " in the same request (or an empty " + field
                + " to remove the stored key): a stored key is only sent where it was entered for";
    }
}
