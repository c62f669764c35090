package io.parley.knowledge;

import static io.parley.knowledge.KnowledgeFixtures.addText;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.knowledge.KnowledgeFixtures.chunks;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.knowledge.KnowledgeFixtures.StoredChunk;
import io.parley.knowledge.internal.index.IngestionJob;
import io.parley.platform.Jobs;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class KnowledgeIngestionIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Jobs jobs;

    @Test
    void should_keep_pdf_pages_and_table_rows_when_a_pdf_is_uploaded() {
        Bot bot = KnowledgeFixtures.bot(api);
        Api.Response response = api.upload(
                bot.sources(), "file", "manual.pdf", "application/pdf", Documents.manualPdf("M-" + UUID.randomUUID()));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.text("status")).isEqualTo("pending");

        JsonNode source = awaitStatus(api, bot, response.text("id"), "synced");

        assertThat(source.path("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(source.path("progress").asInt()).isEqualTo(100);
        assertThat(source.path("embeddingModel").asString()).isEqualTo("local:all-minilm-l6-v2");
        assertThat(source.path("embeddingDimension").asInt()).isEqualTo(384);
        assertThat(source.path("startedAt").isMissingNode()).isFalse();
        assertThat(source.path("finishedAt").isMissingNode()).isFalse();
        List<StoredChunk> chunks = chunks(jdbc, response.text("id"));
        assertThat(chunks).hasSize(source.path("chunkCount").asInt()).hasSize(2);
        assertThat(chunks.get(0).location()).isEqualTo(Map.of("page", 1));
        assertThat(chunks.get(0).text()).contains("Descale the kettle");
        assertThat(chunks.get(1).location()).isEqualTo(Map.of("page", 2));
        assertThat(chunks.get(1).text().lines())
                .anyMatch(line -> line.matches("PRL-1042\\s+Travel Mug\\s+24\\.90"))
                .anyMatch(line -> line.matches("SKU\\s+Product\\s+Price"));
        assertThat(chunks).allSatisfy(c -> assertThat(c.embeddingBytes()).isEqualTo(384 * 4));
    }

    @Test
    void should_render_table_rows_as_cells_when_a_docx_is_uploaded() {
        Bot bot = KnowledgeFixtures.bot(api);
        Api.Response response = api.upload(
                bot.sources(),
                "file",
                "policy.docx",
                "application/octet-stream",
                Documents.policyDocx("D-" + UUID.randomUUID()));
        assertThat(response.status()).as(response.body()).isEqualTo(202);

        awaitStatus(api, bot, response.text("id"), "synced");

        List<StoredChunk> chunks = chunks(jdbc, response.text("id"));
        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().text())
                .contains("Unused products can be returned within 30 days.")
                .contains("SKU | Product | Price\nPRL-1042 | Travel Mug | 24.90\nPRL-2210 | Hand Grinder | 59.00");
        assertThat(chunks.getFirst().location().get("section").toString()).startsWith("Returns policy");
    }

    @Test
    void should_keep_each_row_with_its_header_when_an_xlsx_is_uploaded() {
        Bot bot = KnowledgeFixtures.bot(api);
        Api.Response response = api.upload(
                bot.sources(),
                "file",
                "prices.xlsx",
                "application/octet-stream",
                Documents.priceListXlsx("X-" + UUID.randomUUID()));
        assertThat(response.status()).as(response.body()).isEqualTo(202);

        awaitStatus(api, bot, response.text("id"), "synced");

        List<StoredChunk> chunks = chunks(jdbc, response.text("id"));
        assertThat(chunks)
                .extracting(StoredChunk::text)
                .containsExactly(
                        "SKU: PRL-1042; Product: Travel Mug; Price: 24.90",
                        "SKU: PRL-2210; Product: Hand Grinder; Price: 59.00",
                        "SKU: PRL-3300; Product: Gooseneck Kettle; Price: 45.50");
        assertThat(chunks)
                .extracting(StoredChunk::location)
                .containsExactly(
                        Map.of("sheet", "Prices", "row", 2),
                        Map.of("sheet", "Prices", "row", 3),
                        Map.of("sheet", "Prices", "row", 4));
    }

    @Test
    void should_split_pasted_markdown_by_heading_and_reject_the_same_text_again() {
        Bot bot = KnowledgeFixtures.bot(api);
        String text = "# Opening hours\n\nMonday to Friday 9:00-19:00.\n\n# Shipping " + UUID.randomUUID()
                + "\n\nOrders before 14:00 leave the same day.";
        String id = addText(api, bot, "Shop facts", text);
        long before = KnowledgeFixtures.version(jdbc, bot);

        awaitStatus(api, bot, id, "synced");

        List<StoredChunk> chunks = chunks(jdbc, id);
        assertThat(chunks)
                .extracting(StoredChunk::text)
                .containsExactly(
                        "# Opening hours\n\nMonday to Friday 9:00-19:00.", text.substring(text.indexOf("# Shipping")));
        assertThat(chunks.getFirst().location()).isEqualTo(Map.of("section", "Opening hours"));
        assertThat(KnowledgeFixtures.version(jdbc, bot)).isGreaterThan(before);

        Api.Response again = api.post(
                bot.sources(),
                Api.json()
                        .createObjectNode()
                        .put("type", "text")
                        .put("name", "Copy")
                        .put("text", text)
                        .toString());
        JsonNode problem = assertProblem(again, 409, "duplicate_source");
        assertThat(problem.path("existingSourceId").asString()).isEqualTo(id);
        assertThat(problem.path("detail").asString()).contains(id);
    }

    @Test
    void should_fail_a_corrupt_pdf_with_a_reason_while_another_source_of_the_bot_syncs() {
        Bot bot = KnowledgeFixtures.bot(api);
        Api.Response corrupt = api.upload(
                bot.sources(),
                "file",
                "broken.pdf",
                "application/pdf",
                ("%PDF-1.7 this is not really a PDF " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        assertThat(corrupt.status()).as(corrupt.body()).isEqualTo(202);
        String fine = addText(api, bot, "Fine", "A perfectly readable note " + UUID.randomUUID());

        JsonNode failed = awaitStatus(api, bot, corrupt.text("id"), "failed");

        assertThat(failed.path("error").asString()).startsWith("The PDF could not be read");
        assertThat(chunks(jdbc, corrupt.text("id"))).isEmpty();
        awaitStatus(api, bot, fine, "synced");
    }

    @Test
    void should_fail_a_zip_bomb_docx_with_a_reason_while_another_source_of_the_bot_syncs() {
        Bot bot = KnowledgeFixtures.bot(api);
        // 20 MB of XML in a file of about 0.4 MB: under POI's own ratio (100:1) and entry (100 MB) guards, over the
        // 8 MB the tests allow one document to unpack to
        byte[] bomb = HostileDocuments.withFillerPart(Documents.policyDocx("B-" + UUID.randomUUID()), 20L << 20);
        Api.Response upload = api.upload(bot.sources(), "file", "bomb.docx", "application/octet-stream", bomb);
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        String fine = addText(api, bot, "Fine", "A perfectly readable note " + UUID.randomUUID());

        JsonNode failed = awaitStatus(api, bot, upload.text("id"), "failed");

        assertThat(failed.path("error").asString())
                .isEqualTo("The document unpacks to more than 8 MB (the limit for one document; is it a zip bomb?)");
        assertThat(failed.path("attempts").asInt())
                .as("a permanent failure, not retried")
                .isEqualTo(1);
        assertThat(chunks(jdbc, upload.text("id"))).isEmpty();
        awaitStatus(api, bot, fine, "synced");
    }

    @Test
    void should_fail_a_source_whose_runs_keep_dying_with_their_node_instead_of_running_it_again() {
        Bot bot = KnowledgeFixtures.bot(api);
        String id = addText(api, bot, "Crashes " + UUID.randomUUID(), "A note that, say, kills the node.");
        awaitStatus(api, bot, id, "synced");

        // Every allowed attempt (3 in the tests) was claimed and never finished: the node died each time.
        jdbc.sql("update knowledge_sources set status = 'processing', attempts = 3 where id = :id")
                .param("id", UUID.fromString(id))
                .update();
        jobs.scheduleIfAbsent(IngestionJob.TASK, id, time.now());

        JsonNode failed = awaitStatus(api, bot, id, "failed");
        assertThat(failed.path("error").asString())
                .isEqualTo("Gave up after 3 attempts: the server stopped while ingesting it");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void should_reject_unsupported_types_and_oversized_uploads_with_problems() {
        Bot bot = KnowledgeFixtures.bot(api);

        assertProblem(
                api.upload(bot.sources(), "file", "setup.exe", "application/octet-stream", new byte[] {1, 2}),
                415,
                "unsupported_media_type");
        // 3 MB: under the 4 MB multipart ceiling of the tests, over the knowledge base's own 2 MB.
        Api.Response big = api.upload(bot.sources(), "file", "big.txt", "text/plain", new byte[3 * 1024 * 1024]);
        assertProblem(big, 413, "content_too_large");
        assertThat(big.json().path("max").asLong())
                .as("the knowledge limit, not the multipart one")
                .isEqualTo(2 * 1024 * 1024);
        assertThat(big.json().path("size").asLong()).isEqualTo(3 * 1024 * 1024);
        assertThat(api.get(bot.sources()).json().path("total").asInt()).isZero();
    }

    @Test
    void should_replace_the_chunks_when_the_job_of_a_source_runs_again_after_a_crash() {
        Bot bot = KnowledgeFixtures.bot(api);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            text.append("Paragraph ").append(i).append(" about the espresso machine and its maintenance.\n\n");
        }
        String id = addText(api, bot, "Long " + UUID.randomUUID(), text.toString());
        awaitStatus(api, bot, id, "synced");
        List<StoredChunk> first = chunks(jdbc, id);
        long maxChunkId = maxChunkId(id);
        assertThat(first).hasSizeGreaterThan(1);

        // The node died mid-ingestion: the row says processing, db-scheduler runs the job again.
        jdbc.sql("update knowledge_sources set status = 'processing', progress = 40 where id = :id")
                .param("id", UUID.fromString(id))
                .update();
        jobs.scheduleIfAbsent(IngestionJob.TASK, id, time.now());

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> minChunkId(id) > maxChunkId);
        JsonNode source = awaitStatus(api, bot, id, "synced");
        List<StoredChunk> second = chunks(jdbc, id);
        assertThat(second)
                .hasSize(first.size())
                .hasSize(source.path("chunkCount").asInt());
        assertThat(second)
                .extracting(StoredChunk::text)
                .isEqualTo(first.stream().map(StoredChunk::text).toList());
        assertThat(second).extracting(StoredChunk::ordinal).doesNotHaveDuplicates();
    }

    @Test
    void should_list_sources_paged_and_filtered() {
        Bot bot = KnowledgeFixtures.bot(api);
        String a = addText(api, bot, "A", "First note " + UUID.randomUUID());
        String b = addText(api, bot, "B", "Second note " + UUID.randomUUID());
        awaitStatus(api, bot, a, "synced");
        awaitStatus(api, bot, b, "synced");

        JsonNode page = api.get(bot.sources() + "?type=text&status=synced&page=0&size=1")
                .json();

        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("size").asInt()).isEqualTo(1);
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(b);
        assertThat(api.get(bot.sources() + "?type=url").json().path("total").asInt())
                .isZero();
        assertProblem(api.get(bot.sources() + "?status=bogus'--"), 400, "validation_failed");
    }

    private long maxChunkId(String sourceId) {
        return jdbc.sql("select max(id) from knowledge_chunks where source_id = :id")
                .param("id", UUID.fromString(sourceId))
                .query(Long.class)
                .single();
    }

    private long minChunkId(String sourceId) {
        Long min = jdbc.sql("select min(id) from knowledge_chunks where source_id = :id")
                .param("id", UUID.fromString(sourceId))
                .query(Long.class)
                .single();
        return min == null ? 0 : min;
    }
}
