package io.parley.channels.client;

import io.parley.platform.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the client channel settings of a connect or change request, as if an attacker typed them. */
final class Fields {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> WIDGET_FIELDS = Set.of("title", "color", "welcomeMessage", "avatarUrl");
    static final int MAX_ORIGINS = 50;

    private Fields() {}

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    static String optionalText(Map<String, Object> body, String field, int max) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(field, "must be a string");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return trimmed;
    }

    static Boolean optionalBoolean(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(field, "must be true or false");
        }
        return flag;
    }

    /** Exact origins ({@code scheme://host[:port]}), normalized as browsers send them (lower case, no default port). */
    static List<String> origins(Object value) {
        if (!(value instanceof List<?> list)) {
            throw invalid("allowedOrigins", "must be an array of origins like \"https://shop.example\"");
        }
        if (list.size() > MAX_ORIGINS) {
            throw invalid("allowedOrigins", "must have at most " + MAX_ORIGINS + " origins");
        }
        Set<String> origins = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw invalid("allowedOrigins", "must contain strings");
            }
            origins.add(origin(text.strip()));
        }
        return new ArrayList<>(origins);
    }

    static String origin(String text) {
        String message = "must be exact origins (scheme://host[:port], no path), not \"" + shorten(text) + "\"";
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                throw invalid("allowedOrigins", message);
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            throw invalid("allowedOrigins", message);
        }
    }

    static Map<String, Object> widget(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw invalid("widget", "must be an object");
        }
        Map<String, Object> widget = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            if (!WIDGET_FIELDS.contains(String.valueOf(entry.getKey()))) {
                throw invalid(
                        "widget." + entry.getKey(),
                        "is not a widget setting (" + String.join(", ", new java.util.TreeSet<>(WIDGET_FIELDS)) + ")");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) raw;
        put(widget, "title", optionalText(body, "title", 100));
        String color = optionalText(body, "color", 7);
        if (color != null && !COLOR.matcher(color).matches()) {
            throw invalid("widget.color", "must be a colour like #1a73e8");
        }
        put(widget, "color", color == null ? null : color.toLowerCase(Locale.ROOT));
        put(widget, "welcomeMessage", optionalText(body, "welcomeMessage", 1000));
        String avatar = optionalText(body, "avatarUrl", 2000);
        if (avatar != null) {
            try {
                URI uri = new URI(avatar);
                if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw invalid("widget.avatarUrl", "must be an https URL");
                }
            } catch (URISyntaxException e) {
                throw invalid("widget.avatarUrl", "must be an https URL");
            }
        }
        put(widget, "avatarUrl", avatar);
        return widget;
    }

    static List<String> rotations(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw invalid("rotate", "must be an array of \"key\", \"identitySecret\" or \"signingSecret\"");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
