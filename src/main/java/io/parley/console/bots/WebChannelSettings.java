package io.parley.console.bots;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The settings form of a web channel, both ways: what the form shows for a channel as its connector lists it, and
 * the change request a submitted form makes (every field is sent, so an emptied field clears its setting and an
 * unticked box turns guests off). The widget's look is replaced as a whole, as the channel's PATCH does.
 */
final class WebChannelSettings {
    /** The widget settings the web channel accepts, in the order the form shows them. */
    static final List<String> WIDGET_FIELDS = List.of("title", "color", "welcomeMessage", "avatarUrl");

    private WebChannelSettings() {}

    /** Form values (text) of a web channel's view. */
    static Map<String, String> values(Map<String, Object> channel) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", text(channel.get("name")));
        values.put(
                "allowedOrigins",
                channel.get("allowedOrigins") instanceof List<?> origins
                        ? String.join(
                                "\n", origins.stream().map(String::valueOf).toList())
                        : "");
        values.put("acceptGuests", String.valueOf(!Boolean.FALSE.equals(channel.get("acceptGuests"))));
        Map<?, ?> widget = channel.get("widget") instanceof Map<?, ?> map ? map : Map.of();
        for (String field : WIDGET_FIELDS) {
            values.put("widget." + field, text(widget.get(field)));
        }
        return values;
    }

    /** The submitted form as form values again (to show a refused form with what was typed). */
    static Map<String, String> submitted(MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", first(form, "name"));
        values.put("allowedOrigins", first(form, "allowedOrigins"));
        values.put("acceptGuests", String.valueOf(form.containsKey("acceptGuests")));
        for (String field : WIDGET_FIELDS) {
            values.put("widget." + field, first(form, "widget." + field));
        }
        return values;
    }

    /** The channel change a submitted form asks for. */
    static Map<String, Object> request(MultiValueMap<String, String> form) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", first(form, "name").strip());
        request.put("allowedOrigins", ChannelForm.origins(first(form, "allowedOrigins")));
        request.put("acceptGuests", form.containsKey("acceptGuests"));
        Map<String, Object> widget = new LinkedHashMap<>();
        for (String field : WIDGET_FIELDS) {
            String value = first(form, "widget." + field).strip();
            if (!value.isEmpty()) {
                widget.put(field, value);
            }
        }
        request.put("widget", widget);
        return request;
    }

    private static String first(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
