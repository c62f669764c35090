package io.parley.flows.golden;

import io.parley.platform.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a golden transcript's YAML (or JSON, which is YAML too); a file that is not one is a 400 naming the field. */
public final class GoldenReader {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> INPUTS = Set.of("user", "wait", "agent", "release", "stripe");
    private static final Set<String> TOP = Set.of("golden", "flow", "fixture", "clock", "contact", "stubs", "turns");
    private static final Set<String> TURN = Set.of("user", "wait", "agent", "release", "stripe", "bot", "expect");

    private GoldenReader() {}

    public static Golden read(String source) {
        Object tree;
        try {
            tree = YAML.readValue(source, Object.class);
        } catch (JacksonException e) {
            throw invalid("", "not readable YAML: " + e.getOriginalMessage());
        }
        if (!(tree instanceof Map<?, ?> root)) {
            throw invalid("", "must be a mapping with golden, flow and turns");
        }
        for (Object key : root.keySet()) {
            if (!TOP.contains(String.valueOf(key))) {
                throw invalid(String.valueOf(key), "unknown key (known: " + TOP + ")");
            }
        }
        String name = text(root.get("golden"));
        String flow = text(root.get("flow"));
        Instant clock = null;
        if (root.get("clock") != null) {
            try {
                clock = Instant.parse(String.valueOf(root.get("clock")));
            } catch (DateTimeParseException e) {
                throw invalid("clock", "must be an instant such as 2026-03-02T10:00:00Z");
            }
        }
        String address = "34600000001";
        String contactName = "Ana Ruiz";
        if (root.get("contact") instanceof Map<?, ?> contact) {
            if (contact.get("wa_id") != null) {
                address = String.valueOf(contact.get("wa_id"));
            }
            if (contact.get("name") != null) {
                contactName = String.valueOf(contact.get("name"));
            }
        }
        Map<String, Object> stubs = new LinkedHashMap<>();
        if (root.get("stubs") instanceof Map<?, ?> given) {
            for (Map.Entry<?, ?> stub : given.entrySet()) {
                if (stub.getValue() == null) {
                    throw invalid("stubs." + stub.getKey(), "must have a value (the step's or action's result)");
                }
                stubs.put(String.valueOf(stub.getKey()), stub.getValue());
            }
        } else if (root.get("stubs") != null) {
            throw invalid("stubs", "must be a mapping");
        }
        if (!(root.get("turns") instanceof List<?> list) || list.isEmpty() || list.size() > 200) {
            throw invalid("turns", "must be a list of 1 to 200 turns");
        }
        List<Golden.Turn> turns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            turns.add(turn(list.get(i), "turns[" + i + "]"));
        }
        return new Golden(name == null ? "golden" : name, flow, clock, address, contactName, stubs, turns);
    }

    @SuppressWarnings("unchecked")
    private static Golden.Turn turn(Object item, String field) {
        if (!(item instanceof Map<?, ?> map)) {
            throw invalid(field, "must be a mapping with one of " + INPUTS);
        }
        String kind = null;
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!TURN.contains(name)) {
                throw invalid(field + "." + name, "unknown key (known: " + TURN + ")");
            }
            if (INPUTS.contains(name)) {
                if (kind != null) {
                    throw invalid(field, "has two inputs: " + kind + " and " + name);
                }
                kind = name;
            }
        }
        if (kind == null) {
            throw invalid(field, "needs one input: " + INPUTS);
        }
        Object bot = map.get("bot");
        if (bot != null && !(bot instanceof List<?>)) {
            throw invalid(field + ".bot", "must be a list of messages ([] for silence)");
        }
        Object expect = map.get("expect");
        if (expect != null && !(expect instanceof Map<?, ?>)) {
            throw invalid(field + ".expect", "must be a mapping");
        }
        return new Golden.Turn(
                kind,
                map.get(kind),
                bot == null ? null : new ArrayList<>((List<Object>) bot),
                expect == null ? Map.of() : new LinkedHashMap<>((Map<String, Object>) expect));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "golden_invalid",
                "The golden transcript is not valid: " + (field.isEmpty() ? "" : field + " ") + message,
                Map.of("field", field));
    }
}
