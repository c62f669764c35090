package io.parley.channels.whatsapp.graph;

import tools.jackson.databind.JsonNode;

/** Meta's error object in a Graph answer: build logic on {@code code}, never on the message. */
public record GraphError(Integer code, String message, String details) {

    /** Reads {@code {"code", "message", "error_data": {"details"}}}; null when {@code error} is not an object. */
    static GraphError of(JsonNode error) {
        if (error == null || error.isMissingNode() || !error.isObject()) {
            return null;
        }
        return new GraphError(
                error.path("code").isNumber() ? error.path("code").asInt() : null,
                error.path("message").isString() ? error.path("message").asString() : null,
                error.path("error_data").path("details").isString()
                        ? error.path("error_data").path("details").asString()
                        : null);
    }
}
