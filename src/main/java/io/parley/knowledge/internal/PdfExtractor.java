package io.parley.knowledge.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * One section per page (location {@code {"page": n}}). Text is read in position order, so the cells of a table row
 * stay together on one line instead of being scattered in drawing order.
 */
final class PdfExtractor {
    private PdfExtractor() {
    }

    static List<Section> extract(byte[] bytes) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<Section> pages = new ArrayList<>();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document).strip();
                if (!text.isEmpty()) {
                    pages.add(new Section(text, Map.of("page", page)));
                }
            }
            return pages;
        } catch (IOException e) {
            throw new ExtractionException("The PDF could not be read (" + e.getMessage() + ")", e);
        }
    }
}
