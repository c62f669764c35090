package io.parley.knowledge.internal.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain text and markdown: a new section at each markdown heading (its location names the heading), paragraphs
 * kept apart by blank lines so the chunker can break between them.
 */
final class TextSections {
    private TextSections() {}

    static List<Section> of(String text, Map<String, Object> baseLocation) {
        List<Section> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String heading = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.startsWith("#") && line.replaceFirst("^#{1,6}\\s+", "").length() < line.length()) {
                add(sections, current, heading, baseLocation);
                heading = line.replaceFirst("^#{1,6}\\s+", "").trim();
            }
            current.append(line).append('\n');
        }
        add(sections, current, heading, baseLocation);
        return sections;
    }

    private static void add(
            List<Section> sections, StringBuilder text, String heading, Map<String, Object> baseLocation) {
        String trimmed = text.toString().strip();
        text.setLength(0);
        if (trimmed.isEmpty()) {
            return;
        }
        Map<String, Object> location = new LinkedHashMap<>(baseLocation);
        if (heading != null && !heading.isEmpty()) {
            location.put("section", heading);
        }
        sections.add(new Section(trimmed, location));
    }
}
