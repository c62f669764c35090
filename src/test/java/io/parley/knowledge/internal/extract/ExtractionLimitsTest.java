package io.parley.knowledge.internal.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.knowledge.HostileDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a hostile document costs: unpacked and decoded sizes are capped, and a cancelled parse stops. */
class ExtractionLimitsTest {
    private static final long MB = 1024 * 1024;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void should_fail_an_office_file_that_unpacks_past_the_limit_though_each_part_passes_pois_own_guards()
            throws IOException {
        byte[] bomb = HostileDocuments.withFillerPart(docx("Returns within 30 days."), 20 * MB);

        assertThat(bomb.length).as("a small file").isLessThan((int) MB);
        assertThatThrownBy(() -> Extractor.extract(bomb, MediaTypes.DOCX, null, 8 * MB))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The document unpacks to more than 8 MB (the limit for one document; is it a zip bomb?)");
        assertThat(Extractor.extract(bomb, MediaTypes.DOCX, null, 100 * MB).sections())
                .as("a valid document all the same")
                .singleElement()
                .satisfies(section -> assertThat(section.text()).isEqualTo("Returns within 30 days."));
    }

    @Test
    void should_fail_a_pdf_whose_page_decodes_past_the_limit() {
        byte[] bomb = HostileDocuments.pdfWithInflatingPage(64 * MB);

        assertThat(bomb.length).as("a small file").isLessThan((int) MB);
        assertThatThrownBy(() -> Extractor.extract(bomb, MediaTypes.PDF, null, 8 * MB))
                .isInstanceOf(ExtractionException.class)
                .hasMessage(
                        "The PDF expands to more than 8 MB when its streams are decoded (the limit for one document)");
    }

    @Test
    void should_read_a_pdf_whose_streams_decode_within_the_limit() {
        byte[] pdf = HostileDocuments.longPdf(3, 10);

        assertThat(Extractor.extract(pdf, MediaTypes.PDF, null, MB).sections())
                .hasSize(3)
                .allSatisfy(section -> assertThat(section.text()).contains("costs"))
                .extracting(Section::location)
                .containsExactly(Map.of("page", 1), Map.of("page", 2), Map.of("page", 3));
    }

    /** The pool interrupts a parse past its time limit; each extractor notices between pages, rows and elements. */
    @ParameterizedTest
    @ValueSource(strings = {MediaTypes.PDF, MediaTypes.DOCX, MediaTypes.XLSX, MediaTypes.PPTX, MediaTypes.HTML})
    void should_stop_a_parse_whose_thread_was_interrupted(String mediaType) throws IOException {
        byte[] document = document(mediaType);
        assertThat(Extractor.extract(document, mediaType, null, 100 * MB).sections())
                .isNotEmpty();

        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Extractor.extract(document, mediaType, null, 100 * MB))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("Reading the document was stopped");
    }

    private static byte[] document(String mediaType) throws IOException {
        return switch (mediaType) {
            case MediaTypes.PDF -> HostileDocuments.longPdf(2, 5);
            case MediaTypes.DOCX -> docx("Opening hours: nine to seven.");
            case MediaTypes.XLSX -> xlsx();
            case MediaTypes.PPTX -> pptx();
            default -> "<html><body><h1>Hours</h1><p>Nine to seven.</p></body></html>".getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] docx(String text) throws IOException {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(text);
            document.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xlsx() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Prices");
            sheet.createRow(0).createCell(0).setCellValue("Product");
            sheet.createRow(1).createCell(0).setCellValue("Mug");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] pptx() throws IOException {
        try (XMLSlideShow show = new XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            show.createSlide().createTextBox().setText("Store tour");
            show.write(out);
            return out.toByteArray();
        }
    }
}
