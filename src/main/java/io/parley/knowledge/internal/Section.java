package io.parley.knowledge.internal;

import java.util.Map;

/**
 * A structural unit of a document (a page, a heading's section, a table, a spreadsheet row) with where it is.
 * Consecutive sections with the same location may share a chunk; others never do.
 */
record Section(String text, Map<String, Object> location) {
    Section {
        location = Map.copyOf(location);
    }
}
