package io.parley.console.bots;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * A channel form as the channel's connector reads it: the console does not know channel types, it passes the fields
 * the page's form for that type named. Blank fields are left out (the connector's defaults apply), a list of origins
 * typed one per line or separated by commas becomes a list, and secrets are never kept for showing a refused form
 * again.
 */
final class ChannelForm {
    /** Fields of the page, not of the channel. */
    private static final Set<String> PAGE_FIELDS = Set.of("_csrf", "next");
    /** What a refused form does not show again: the person types them anew. */
    private static final Set<String> SECRETS = Set.of("accessToken", "appSecret");

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChannelForm() {}

    static Map<String, Object> request(MultiValueMap<String, String> form) {
        Map<String, Object> request = new LinkedHashMap<>();
        form.forEach((field, values) -> {
            String value = values.isEmpty() ? null : values.getFirst();
            if (PAGE_FIELDS.contains(field) || value == null || value.isBlank()) {
                return;
            }
            request.put(field, field.equals("allowedOrigins") ? origins(value) : value.strip());
        });
        return request;
    }

    /** The submitted form without its secrets, to show again after a refusal. */
    static Map<String, String> kept(MultiValueMap<String, String> form) {
        Map<String, String> kept = new LinkedHashMap<>();
        form.forEach((field, values) -> {
            if (!SECRETS.contains(field) && !PAGE_FIELDS.contains(field) && !values.isEmpty()) {
                kept.put(field, values.getFirst());
            }
        });
        return kept;
    }

    static List<String> origins(String typed) {
        return Arrays.stream(typed.split("[\\s,]+"))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
    }

    /** A fresh verify token to suggest: the person may keep it or type their own. */
    static String newVerifyToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "parley-" + HexFormat.of().formatHex(bytes);
    }
}
