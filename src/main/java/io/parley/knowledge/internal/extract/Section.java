package io.parley.knowledge.internal.extract;

import io.parley.platform.NulCharacters;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A structural unit of a document (a page, a heading's section, a table, a spreadsheet row) with where it is.
 * Consecutive sections with the same location may share a chunk; others never do. Every extractor ends here, so
 * this is where a document's U+0000 characters are dropped (PostgreSQL cannot store them).
 */
public record Section(String text, Map<String, Object> location) {
    public Section {
        text = NulCharacters.strip(text);
        location = location.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        entry -> entry.getValue() instanceof String value
                                ? NulCharacters.strip(value)
                                : entry.getValue()));
    }
}
