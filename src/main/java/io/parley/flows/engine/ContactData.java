package io.parley.flows.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code {{contact.x}}} and conditions read about the contact: {@code name}, {@code first_name} (the name's
 * first word), {@code phone} and {@code variables}, each present only when known. One rule for turns and for golden
 * runs.
 */
public final class ContactData {
    private ContactData() {}

    public static Map<String, Object> of(String displayName, String phone, Map<String, Object> variables) {
        Map<String, Object> data = new LinkedHashMap<>();
        String name = displayName == null ? "" : displayName.strip();
        data.put("name", name);
        data.put("first_name", name.isEmpty() ? "" : name.split("\\s+")[0]);
        if (phone != null) {
            data.put("phone", phone);
        }
        if (variables != null) {
            data.put("variables", variables);
        }
        return data;
    }
}
