package io.parley.knowledge.internal.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Word documents in body order: a new section at each heading paragraph, tables as one line per row
 * ({@code cell | cell | cell}) so a row's values are never separated.
 */
final class DocxExtractor {
    private DocxExtractor() {}

    static List<Section> extract(byte[] bytes, long maxExpandedBytes) {
        OfficeExpansion.requireWithin(bytes, maxExpandedBytes);
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            List<Section> sections = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            String heading = null;
            for (IBodyElement element : document.getBodyElements()) {
                Extractor.checkpoint();
                if (element instanceof XWPFParagraph paragraph) {
                    String line = paragraph.getText().strip();
                    if (isHeading(paragraph) && !line.isEmpty()) {
                        flush(sections, text, heading);
                        heading = line;
                    }
                    if (!line.isEmpty()) {
                        text.append(line).append("\n\n");
                    }
                } else if (element instanceof XWPFTable table) {
                    for (XWPFTableRow row : table.getRows()) {
                        Extractor.checkpoint();
                        text.append(String.join(
                                        " | ",
                                        row.getTableCells().stream()
                                                .map(XWPFTableCell::getText)
                                                .map(String::strip)
                                                .toList()))
                                .append('\n');
                    }
                    text.append('\n');
                }
            }
            flush(sections, text, heading);
            return sections;
        } catch (ExtractionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ExtractionException("The Word document could not be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isHeading(XWPFParagraph paragraph) {
        String style = paragraph.getStyle();
        return style != null && (style.toLowerCase().startsWith("heading") || style.equalsIgnoreCase("title"));
    }

    private static void flush(List<Section> sections, StringBuilder text, String heading) {
        String trimmed = text.toString().strip();
        text.setLength(0);
        if (!trimmed.isEmpty()) {
            Map<String, Object> location = new LinkedHashMap<>();
            if (heading != null) {
                location.put("section", heading);
            }
            sections.add(new Section(trimmed, location));
        }
    }
}
