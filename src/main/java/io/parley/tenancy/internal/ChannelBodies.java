package io.parley.tenancy.internal;

import io.parley.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Channel request bodies as the maps {@link io.parley.tenancy.ChannelConnector}s read. */
final class ChannelBodies {
    private ChannelBodies() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonMapper json, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        Map<String, Object> map = json.convertValue(body, LinkedHashMap.class);
        return map;
    }
}
