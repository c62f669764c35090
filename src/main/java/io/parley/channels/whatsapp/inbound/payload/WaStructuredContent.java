package io.parley.channels.whatsapp.inbound.payload;

import static io.parley.channels.whatsapp.JsonReads.array;
import static io.parley.channels.whatsapp.JsonReads.decimal;
import static io.parley.channels.whatsapp.JsonReads.decimalAsDouble;
import static io.parley.channels.whatsapp.JsonReads.hasText;
import static io.parley.channels.whatsapp.JsonReads.integer;
import static io.parley.channels.whatsapp.JsonReads.object;
import static io.parley.channels.whatsapp.JsonReads.putIfPresent;
import static io.parley.channels.whatsapp.JsonReads.text;

import io.parley.channels.whatsapp.JsonReads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The message kinds whose text has to be composed from several fields: location, contacts, order, system. */
final class WaStructuredContent {

    private WaStructuredContent() {}

    static NormalizedContent location(JsonNode location, Map<String, Object> details) {
        putIfPresent(details, "latitude", decimalAsDouble(location, "latitude"));
        putIfPresent(details, "longitude", decimalAsDouble(location, "longitude"));
        String name = text(location, "name");
        String address = text(location, "address");
        putIfPresent(details, "name", name);
        putIfPresent(details, "address", address);
        putIfPresent(details, "url", text(location, "url"));
        // Coordinates are rendered as Meta wrote them; a double round-trip could print 1.0E-4 or lose digits.
        String latitude = details.containsKey("latitude") ? text(location, "latitude") : null;
        String longitude = details.containsKey("longitude") ? text(location, "longitude") : null;
        String label = joinPresent(", ", name, address);
        String coordinates = latitude != null && longitude != null ? latitude + ", " + longitude : null;
        String rendered = label.isEmpty()
                ? Objects.requireNonNullElse(coordinates, "")
                : coordinates == null ? label : label + " (" + coordinates + ")";
        return new NormalizedContent(
                "location", rendered.isEmpty() ? "[location]" : "[location: " + rendered + "]", details);
    }

    static NormalizedContent contacts(JsonNode message, Map<String, Object> details) {
        List<Map<String, Object>> cards = array(message, "contacts").stream()
                .map(WaStructuredContent::card)
                .toList();
        details.put("contacts", cards);
        String rendered = cards.stream()
                .map(card -> joinPresent(" ", (String) card.get("formatted_name"), firstOf(card.get("phones"))))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining("; "));
        return new NormalizedContent(
                "contacts", rendered.isEmpty() ? "[contact]" : "[contact: " + rendered + "]", details);
    }

    private static Map<String, Object> card(JsonNode contact) {
        JsonNode name = object(contact, "name");
        String formattedName = text(name, "formatted_name");
        if (!hasText(formattedName)) {
            formattedName = joinPresent(" ", text(name, "first_name"), text(name, "last_name"));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        putIfPresent(card, "formatted_name", formattedName.isEmpty() ? null : formattedName);
        // A shared card may list a number only as wa_id (the user's WhatsApp id) without the display form.
        card.put("phones", valuesOf(array(contact, "phones"), "phone", "wa_id"));
        card.put("emails", valuesOf(array(contact, "emails"), "email", null));
        return card;
    }

    private static List<String> valuesOf(List<JsonNode> entries, String field, String fallbackField) {
        List<String> values = new ArrayList<>();
        for (JsonNode entry : entries) {
            String value = text(entry, field);
            if (!hasText(value) && fallbackField != null) {
                value = text(entry, fallbackField);
            }
            if (hasText(value)) {
                values.add(value);
            }
        }
        return values;
    }

    static NormalizedContent order(JsonNode order, Map<String, Object> details) {
        putIfPresent(details, "catalog_id", text(order, "catalog_id"));
        String note = text(order, "text");
        putIfPresent(details, "text", note);
        List<Map<String, Object>> items = array(order, "product_items").stream()
                .map(WaStructuredContent::orderItem)
                .toList();
        details.put("items", items);
        String summary = "[order: " + items.size() + (items.size() == 1 ? " item]" : " items]");
        return new NormalizedContent("order", hasText(note) ? summary + " " + note : summary, details);
    }

    private static Map<String, Object> orderItem(JsonNode item) {
        Map<String, Object> normalized = new LinkedHashMap<>();
        putIfPresent(normalized, "product_retailer_id", text(item, "product_retailer_id"));
        putIfPresent(normalized, "quantity", integer(item, "quantity"));
        // Money stays decimal: a double would turn 19.99 into 19.989999...
        putIfPresent(normalized, "item_price", decimal(item, "item_price"));
        putIfPresent(normalized, "currency", text(item, "currency"));
        return normalized;
    }

    /** Identity changes (new phone number, new BSUID): downstream merges contacts from these ids. */
    static NormalizedContent system(JsonNode system, Map<String, Object> details) {
        putIfPresent(details, "system_type", text(system, "type"));
        String body = text(system, "body");
        putIfPresent(details, "body", body);
        putIfPresent(details, "new_wa_id", text(system, "wa_id"));
        putIfPresent(details, "new_user_id", text(system, "user_id"));
        putIfPresent(details, "new_parent_user_id", text(system, "parent_user_id"));
        putIfPresent(details, "previous_user_id", text(system, "previous_user_id"));
        putIfPresent(details, "previous_parent_user_id", text(system, "previous_parent_user_id"));
        return new NormalizedContent("system", hasText(body) ? body : "[system]", details);
    }

    private static String firstOf(Object values) {
        return values instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.getFirst()) : null;
    }

    private static String joinPresent(String separator, String... parts) {
        return Stream.of(parts).filter(JsonReads::hasText).collect(Collectors.joining(separator));
    }
}
