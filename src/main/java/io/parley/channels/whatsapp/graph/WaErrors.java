package io.parley.channels.whatsapp.graph;

import static io.parley.channels.whatsapp.JsonReads.array;
import static io.parley.channels.whatsapp.JsonReads.integer;
import static io.parley.channels.whatsapp.JsonReads.object;
import static io.parley.channels.whatsapp.JsonReads.putIfPresent;
import static io.parley.channels.whatsapp.JsonReads.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Meta's {@code errors[]} shape, shared by messages and statuses. */
public final class WaErrors {

    private WaErrors() {}

    public static List<WaError> read(JsonNode parent) {
        return array(parent, "errors").stream().map(WaErrors::one).toList();
    }

    /** Meta says to build logic on code and error_data.details, so those are what survive normalization. */
    private static WaError one(JsonNode error) {
        Number code = integer(error, "code");
        return new WaError(
                code == null ? 0 : code.intValue(),
                text(error, "title"),
                text(error, "message"),
                text(object(error, "error_data"), "details"));
    }

    public static List<Map<String, Object>> asDetails(List<WaError> errors) {
        return errors.stream().map(WaErrors::asDetail).toList();
    }

    private static Map<String, Object> asDetail(WaError error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", error.code());
        putIfPresent(detail, "title", error.title());
        putIfPresent(detail, "message", error.message());
        putIfPresent(detail, "details", error.details());
        return detail;
    }
}
