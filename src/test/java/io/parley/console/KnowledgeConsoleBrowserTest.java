package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An admin gives a bot a PDF in the console and watches it being indexed, then searches it. */
class KnowledgeConsoleBrowserTest extends IntegrationTestSupport {
    @TempDir
    Path files;

    @Test
    void should_upload_a_pdf_watch_it_reach_synced_without_reloading_and_find_a_passage() throws IOException {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        Path pdf = files.resolve("kettle-manual.pdf");
        String marker = "KETTLE-" + UUID.randomUUID().toString().substring(0, 8);
        Files.write(pdf, pdf("Product manual " + marker, "Descale the kettle every month with citric acid."));
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.open("/console/bots/" + bot.chatbotId() + "/knowledge");
            browser.await("sources-empty");
            assertThat(browser.find("knowledge-quota").getText()).contains("Documents", "Storage");
            browser.script("document.body.dataset.sameDocument = 'yes';");

            browser.find("knowledge-upload").sendKeys(pdf.toAbsolutePath().toString());

            browser.await("source-status");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                    .until(d -> "synced"
                            .equals(d.findElement(ConsoleBrowser.test("source-status"))
                                    .getText()));
            assertThat(browser.script("return document.body.dataset.sameDocument;"))
                    .as("the page was not reloaded")
                    .isEqualTo("yes");
            assertThat(browser.find("source").getText()).contains("kettle-manual.pdf");
            assertThat(browser.find("sources").getAttribute("hx-trigger")).isNull();

            browser.find("knowledge-search").sendKeys("how often should I descale the kettle");
            browser.find("knowledge-search-submit").click();
            WebElement passage = browser.await("passage");
            assertThat(passage.getText()).contains("kettle-manual.pdf", "citric acid");
            browser.screenshot("knowledge");
        }
    }

    private static byte[] pdf(String... lines) throws IOException {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                int y = 700;
                for (String line : lines) {
                    text.beginText();
                    text.setFont(font, 12);
                    text.newLineAtOffset(50, y);
                    text.showText(line);
                    text.endText();
                    y -= 20;
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
