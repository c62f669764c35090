package io.parley.tools.builtin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A person who showed interest: one per contact (ADR 25), with the phone number they are reached at. */
record Lead(
        UUID id,
        String phone,
        String name,
        String email,
        String company,
        Integer estimatedMessages,
        String notes,
        int contactCount,
        Instant createdAt,
        Instant updatedAt) {

    /** The lead as the model reads it: snake_case like the tool arguments, unknown fields left out. */
    Map<String, Object> forModel() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("phone", phone);
        putIfPresent(view, "name", name);
        putIfPresent(view, "email", email);
        putIfPresent(view, "company", company);
        putIfPresent(view, "estimated_messages", estimatedMessages);
        putIfPresent(view, "notes", notes);
        view.put("contact_count", contactCount);
        view.put("first_captured_at", createdAt.toString());
        view.put("last_captured_at", updatedAt.toString());
        return view;
    }

    private static void putIfPresent(Map<String, Object> view, String key, Object value) {
        if (value != null) {
            view.put(key, value);
        }
    }
}
