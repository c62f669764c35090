package io.parley.knowledge.internal.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/** Presentations: one section per slide (location {@code {"slide": n}}), table rows as {@code cell | cell}. */
final class SlideExtractor {
    private SlideExtractor() {}

    static List<Section> extract(byte[] bytes, long maxExpandedBytes) {
        OfficeExpansion.requireWithin(bytes, maxExpandedBytes);
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(bytes))) {
            List<Section> slides = new ArrayList<>();
            int number = 0;
            for (XSLFSlide slide : show.getSlides()) {
                number++;
                StringBuilder text = new StringBuilder();
                for (XSLFShape shape : slide.getShapes()) {
                    Extractor.checkpoint();
                    if (shape instanceof XSLFTextShape textShape) {
                        text.append(textShape.getText().strip()).append("\n\n");
                    } else if (shape instanceof XSLFTable table) {
                        for (XSLFTableRow row : table.getRows()) {
                            text.append(String.join(
                                            " | ",
                                            row.getCells().stream()
                                                    .map(XSLFTableCell::getText)
                                                    .map(String::strip)
                                                    .toList()))
                                    .append('\n');
                        }
                        text.append('\n');
                    }
                }
                if (!text.toString().isBlank()) {
                    slides.add(new Section(text.toString().strip(), Map.of("slide", number)));
                }
            }
            return slides;
        } catch (ExtractionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ExtractionException("The presentation could not be read (" + e.getMessage() + ")", e);
        }
    }
}
