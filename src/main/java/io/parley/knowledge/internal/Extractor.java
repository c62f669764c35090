package io.parley.knowledge.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reads a source's bytes by media type into structural sections. */
final class Extractor {
    private Extractor() {
    }

    record Extracted(String title, List<Section> sections) {
    }

    static Extracted extract(byte[] content, String mediaType, String url) {
        Extracted extracted = switch (mediaType == null ? MediaTypes.TEXT : mediaType) {
            case MediaTypes.PDF -> new Extracted(null, PdfExtractor.extract(content));
            case MediaTypes.DOCX -> new Extracted(null, DocxExtractor.extract(content));
            case MediaTypes.XLSX -> new Extracted(null, SheetExtractor.extract(content));
            case MediaTypes.PPTX -> new Extracted(null, SlideExtractor.extract(content));
            case MediaTypes.HTML -> {
                HtmlExtractor.Page page = HtmlExtractor.extract(content, url);
                yield new Extracted(page.title().isEmpty() ? null : page.title(), page.sections());
            }
            default -> new Extracted(null, TextSections.of(new String(content, StandardCharsets.UTF_8),
                    url == null ? Map.of() : Map.of("url", url)));
        };
        if (extracted.sections().isEmpty()) {
            throw new ExtractionException("No text found in the document (is it a scanned image or empty?)", null);
        }
        return extracted;
    }
}
