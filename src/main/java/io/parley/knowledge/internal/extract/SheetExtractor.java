package io.parley.knowledge.internal.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Spreadsheets row by row, each row rendered with its sheet's header row ({@code Header1: v1; Header2: v2}) so a
 * price or SKU is never separated from what it means. Location {@code {"sheet": name, "row": n}} (1-based, as
 * shown in Excel). The header is the first non-empty row of the sheet.
 */
final class SheetExtractor {
    private SheetExtractor() {}

    static List<Section> extract(byte[] bytes, long maxExpandedBytes) {
        OfficeExpansion.requireWithin(bytes, maxExpandedBytes);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            DataFormatter formatter = new DataFormatter();
            List<Section> rows = new ArrayList<>();
            for (Sheet sheet : workbook) {
                List<String> header = null;
                for (Row row : sheet) {
                    Extractor.checkpoint();
                    List<String> values = values(row, formatter);
                    if (values.stream().allMatch(String::isEmpty)) {
                        continue;
                    }
                    if (header == null) {
                        header = values;
                        continue;
                    }
                    rows.add(new Section(
                            render(header, values), Map.of("sheet", sheet.getSheetName(), "row", row.getRowNum() + 1)));
                }
            }
            return rows;
        } catch (ExtractionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ExtractionException("The spreadsheet could not be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> values(Row row, DataFormatter formatter) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < Math.max(row.getLastCellNum(), 0); i++) {
            Cell cell = row.getCell(i);
            values.add(cell == null ? "" : formatter.formatCellValue(cell).strip());
        }
        return values;
    }

    private static String render(List<String> header, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isEmpty()) {
                continue;
            }
            String name = i < header.size() && !header.get(i).isEmpty() ? header.get(i) : "Column " + (i + 1);
            parts.add(name + ": " + values.get(i));
        }
        return String.join("; ", parts);
    }
}
