package io.parley.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Fakes;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * An admin gives a bot knowledge in the console: a PDF (watched until indexed, then searched), a dropped file
 * (reindexed, deleted after confirming), a page by URL and a crawl of a site served by WireMock.
 */
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
            awaitStatus(browser, "synced");
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

    @Test
    void should_upload_a_dropped_file_reindex_it_and_delete_it_only_after_confirming() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.open("/console/bots/" + bot.chatbotId() + "/knowledge");
            browser.await("sources-empty");

            browser.script("""
                    const zone = document.querySelector('[data-dropzone]');
                    const files = new DataTransfer();
                    files.items.add(new File([arguments[0]], 'opening-hours.txt', {type: 'text/plain'}));
                    zone.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: files}));
                    zone.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: files}));""", "The shop opens at nine and closes at five, Monday to Saturday.");

            awaitStatus(browser, "synced");
            assertThat(browser.find("source").getText()).contains("opening-hours.txt");
            String sourceId = browser.find("source").getAttribute("data-source-id");
            JsonNode stored = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources/" + sourceId)
                    .json();
            assertThat(stored.path("name").asString()).isEqualTo("opening-hours.txt");
            assertThat(stored.path("chunkCount").asInt()).isEqualTo(1);
            assertThat(browser.find("source").getText()).contains("1 passage indexed");

            // A source that failed (as if its last run broke) is indexed again by Reindex.
            jdbc.sql("update knowledge_sources set status = 'failed', error = 'broken on purpose' where id = :id")
                    .param("id", UUID.fromString(sourceId))
                    .update();
            browser.open("/console/bots/" + bot.chatbotId() + "/knowledge");
            assertThat(browser.await("source-error").getText()).isEqualTo("broken on purpose");
            browser.find("source-reindex").click();
            awaitStatus(browser, "synced");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("source-error")))
                    .isEmpty();
            assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources/" + sourceId)
                            .text("status"))
                    .isEqualTo("synced");

            browser.find("source-delete").click();
            WebElement yes = browser.await("source-delete-yes");
            assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources/" + sourceId)
                            .status())
                    .as("opening the question deletes nothing")
                    .isEqualTo(200);
            browser.screenshot("knowledge-delete");
            yes.click();
            browser.await("sources-empty");
            assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources/" + sourceId)
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void should_add_a_page_by_its_url_and_crawl_a_site_showing_the_crawl_until_it_is_done() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        String site = "/console-site-" + UUID.randomUUID();
        page(site + "/faq.html", html("Shop FAQ", "Orders leave the warehouse the same day."));
        page(site + "/index.html", html("Home", "Welcome to the shop.", "a.html"));
        page(site + "/a.html", html("Page A", "Returns are free within thirty days."));
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.open("/console/bots/" + bot.chatbotId() + "/knowledge");

            browser.find("knowledge-url").sendKeys(Fakes.baseUrl() + site + "/faq.html");
            browser.find("knowledge-url-submit").click();
            awaitStatus(browser, "synced");
            assertThat(browser.find("source").getText()).contains("Shop FAQ");

            browser.find("knowledge-crawl-url").sendKeys(Fakes.baseUrl() + site + "/index.html");
            browser.find("knowledge-crawl-submit").click();
            assertThat(browser.await("crawl-status").getText()).contains(site + "/index.html");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(ConsoleBrowser.test("crawl-status"))
                                    .getText()
                                    .contains(": done, 2 pages")
                            && d.findElements(ConsoleBrowser.test("source-status")).stream()
                                    .allMatch(status -> status.getText().equals("synced"))
                            && d.findElements(ConsoleBrowser.test("source")).size() == 3);
            assertThat(browser.find("sources").getText()).contains("Home", "Page A", "Shop FAQ");
            assertThat(browser.find("sources").getAttribute("hx-trigger"))
                    .as("the list stops polling once nothing changes by itself")
                    .isNull();
            assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources?type=url")
                            .json()
                            .path("total")
                            .asInt())
                    .isEqualTo(3);
            browser.screenshot("knowledge-crawl");
        }
    }

    /** Waits for the first source's status; the list is swapped while it polls, so a found element may go stale. */
    private static void awaitStatus(ConsoleBrowser browser, String status) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> status.equals(
                        d.findElement(ConsoleBrowser.test("source-status")).getText()));
    }

    private static void page(String path, String html) {
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(path))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html; charset=utf-8")
                                .withBody(html)));
    }

    private static String html(String title, String text, String... links) {
        StringBuilder body = new StringBuilder(
                "<html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1><p>" + text + "</p>");
        for (String link : links) {
            body.append("<a href=\"").append(link).append("\">").append(link).append("</a>");
        }
        return body.append("</main></body></html>").toString();
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
