package io.parley.knowledge.internal.extract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a source's bytes by media type into structural sections. Runs on the {@link ExtractionPool}; the extractors
 * call {@link #checkpoint()} between pages, rows and elements so that a parse past its time limit stops.
 */
public final class Extractor {
    private Extractor() {}

    public record Extracted(String title, List<Section> sections) {}

    /** {@code maxExpandedBytes}: the most an Office file may unzip to, or a PDF's streams decode to. */
    static Extracted extract(byte[] content, String mediaType, String url, long maxExpandedBytes) {
        Extracted extracted = switch (mediaType == null ? MediaTypes.TEXT : mediaType) {
            case MediaTypes.PDF -> new Extracted(null, PdfExtractor.extract(content, maxExpandedBytes));
            case MediaTypes.DOCX -> new Extracted(null, DocxExtractor.extract(content, maxExpandedBytes));
            case MediaTypes.XLSX -> new Extracted(null, SheetExtractor.extract(content, maxExpandedBytes));
            case MediaTypes.PPTX -> new Extracted(null, SlideExtractor.extract(content, maxExpandedBytes));
            case MediaTypes.HTML -> {
                HtmlExtractor.Page page = HtmlExtractor.extract(content, url);
                yield new Extracted(page.title().isEmpty() ? null : page.title(), page.sections());
            }
            default ->
                new Extracted(
                        null,
                        TextSections.of(
                                new String(content, StandardCharsets.UTF_8),
                                url == null ? Map.of() : Map.of("url", url)));
        };
        if (extracted.sections().isEmpty()) {
            throw new ExtractionException("No text found in the document (is it a scanned image or empty?)", null);
        }
        return extracted;
    }

    /** Stops a parse the pool has given up on (its time limit passed): the pool interrupts the parsing thread. */
    public static void checkpoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ExtractionException("Reading the document was stopped", null);
        }
    }
}
