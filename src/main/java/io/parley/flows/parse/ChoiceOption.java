package io.parley.flows.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One option of a {@code choice}: its id, the title shown, synonyms, and the value stored when it is picked (the id
 * for options written in the definition, the whole item for options taken from the conversation's data, so
 * {@code answers.slot.label} works). {@link #keys()} are the folded forms a reply is compared with.
 */
record ChoiceOption(String id, String title, List<String> synonyms, Object value) {

    /** An option from a definition's text ("fine_line" → title "Fine line"). */
    static ChoiceOption of(String id) {
        return new ChoiceOption(id, humanize(id), List.of(), id);
    }

    /**
     * An option from a map {@code {id, title|label, synonyms}}; null with a problem reported when malformed.
     *
     * @param keepItem whether the whole item is the stored value (options from data) or only its id
     */
    static ChoiceOption fromMap(Map<?, ?> item, boolean keepItem, List<String> problems) {
        Object id = item.get("id");
        if (!(id instanceof String) && !(id instanceof Number)) {
            problems.add("choice option needs an id (text or number)");
            return null;
        }
        String idText = String.valueOf(id).strip();
        Object title = item.get("title") != null ? item.get("title") : item.get("label");
        List<String> synonyms = new ArrayList<>();
        if (item.get("synonyms") instanceof List<?> list) {
            for (Object synonym : list) {
                if (synonym instanceof String text && !text.isBlank()) {
                    synonyms.add(text.strip());
                } else {
                    problems.add("choice option '" + idText + "' synonyms must be non-empty texts");
                }
            }
        } else if (item.get("synonyms") != null) {
            problems.add("choice option '" + idText + "' synonyms must be a list");
        }
        String titleText = title instanceof String text && !text.isBlank() ? text.strip() : humanize(idText);
        Object value = keepItem ? copy(item) : idText;
        return new ChoiceOption(idText, titleText, List.copyOf(synonyms), value);
    }

    Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(TextFold.fold(id));
        keys.add(TextFold.fold(title));
        for (String synonym : synonyms) {
            keys.add(TextFold.fold(synonym));
        }
        keys.remove("");
        return keys;
    }

    private static String humanize(String id) {
        String spaced = id.replace('_', ' ').strip();
        if (spaced.isEmpty()) {
            return id;
        }
        return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }

    private static Map<String, Object> copy(Map<?, ?> item) {
        Map<String, Object> copy = new LinkedHashMap<>();
        item.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
