package io.parley.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/**
 * Documents generated for the tests: a product manual (PDF), a policy (DOCX), a price list (XLSX) and a store tour
 * (PPTX).
 */
final class Documents {
    static final List<List<String>> PRICES = List.of(
            List.of("SKU", "Product", "Price"),
            List.of("PRL-1042", "Travel Mug", "24.90"),
            List.of("PRL-2210", "Hand Grinder", "59.00"),
            List.of("PRL-3300", "Gooseneck Kettle", "45.50"));

    private Documents() {}

    /** Page 1: prose; page 2: a table drawn cell by cell (as PDF generators do). */
    static byte[] manualPdf(String marker) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDPage first = new PDPage();
            document.addPage(first);
            try (PDPageContentStream text = new PDPageContentStream(document, first)) {
                write(text, font, 50, 700, "Product manual " + marker);
                write(text, font, 50, 680, "Descale the kettle every month with citric acid.");
            }
            PDPage second = new PDPage();
            document.addPage(second);
            try (PDPageContentStream text = new PDPageContentStream(document, second)) {
                write(text, font, 50, 720, "Price table");
                int y = 690;
                for (List<String> row : PRICES) {
                    // cells drawn column by column would come out scattered without position sorting
                    write(text, font, 350, y, row.get(2));
                    write(text, font, 50, y, row.get(0));
                    write(text, font, 180, y, row.get(1));
                    y -= 20;
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(PDPageContentStream stream, PDType1Font font, float x, float y, String value)
            throws IOException {
        stream.beginText();
        stream.setFont(font, 12);
        stream.newLineAtOffset(x, y);
        stream.showText(value);
        stream.endText();
    }

    static byte[] policyDocx(String marker) {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph heading = document.createParagraph();
            heading.setStyle("Heading1");
            heading.createRun().setText("Returns policy " + marker);
            document.createParagraph().createRun().setText("Unused products can be returned within 30 days.");
            XWPFTable table = document.createTable(PRICES.size(), 3);
            for (int r = 0; r < PRICES.size(); r++) {
                for (int c = 0; c < 3; c++) {
                    table.getRow(r).getCell(c).setText(PRICES.get(r).get(c));
                }
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] priceListXlsx(String marker) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("Prices");
            for (int r = 0; r < PRICES.size(); r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < 3; c++) {
                    row.createCell(c).setCellValue(PRICES.get(r).get(c));
                }
            }
            workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("Note " + marker);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Slide 1: a title; slide 2: a title and the opening hours. */
    static byte[] storeTourPptx(String marker) {
        try (XMLSlideShow show = new XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSLFSlide first = show.createSlide();
            first.createTextBox().setText("Store tour " + marker);
            XSLFSlide second = show.createSlide();
            second.createTextBox().setText("Espresso bar");
            second.createTextBox().setText("The espresso bar opens at eight on weekdays.");
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
