package io.parley.flows.parse;

import java.util.List;
import java.util.Map;

/**
 * Resolves dotted paths ({@code vars.find_slots.0.label}) in the nested maps and lists of a flow's data. A missing key,
 * an index out of range or a step into a scalar gives null; it never throws.
 */
public final class ContextPaths {

    private ContextPaths() {}

    public static Object resolve(Map<String, Object> root, String path) {
        if (root == null || path == null || path.isEmpty()) {
            return null;
        }
        return resolve(root, List.of(path.split("\\.", -1)));
    }

    public static Object resolve(Object root, List<String> segments) {
        Object current = root;
        for (String segment : segments) {
            current = step(current, segment);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static Object step(Object current, String segment) {
        if (current instanceof Map<?, ?> map) {
            return safeGet(map, segment);
        }
        if (current instanceof List<?> list && isIndex(segment)) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    /** {@code get} that tolerates maps refusing String or null keys (sorted maps of other key types). */
    static Object safeGet(Map<?, ?> map, String key) {
        try {
            return map.get(key);
        } catch (ClassCastException | NullPointerException e) {
            return null;
        }
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 6) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
