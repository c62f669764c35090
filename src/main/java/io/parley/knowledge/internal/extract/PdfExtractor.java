package io.parley.knowledge.internal.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * One section per page (location {@code {"page": n}}). Text is read in position order, so the cells of a table row
 * stay together on one line instead of being scattered in drawing order. The decoded size of the file's streams is
 * checked first ({@link PdfExpansion}), and the parse stops at the next page or operator once its time is up.
 */
final class PdfExtractor {
    private PdfExtractor() {}

    static List<Section> extract(byte[] bytes, long maxExpandedBytes) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PdfExpansion.requireWithin(document, maxExpandedBytes);
            PDFTextStripper stripper = new StoppableStripper();
            stripper.setSortByPosition(true);
            List<Section> pages = new ArrayList<>();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                Extractor.checkpoint();
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

    /** A page's content stream can hold millions of operators: look for a cancelled parse between them. */
    private static final class StoppableStripper extends PDFTextStripper {
        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            Extractor.checkpoint();
            super.processOperator(operator, operands);
        }
    }
}
