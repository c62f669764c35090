package io.parley.knowledge;

import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.knowledge.KnowledgeFixtures.chunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.knowledge.internal.index.IngestionJob;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A document that takes longer to read than the per-document time limit fails that source for good. Its own
 * context: with a limit of 1 ms every real document is too slow.
 */
@TestPropertySource(properties = "parley.knowledge.extraction.timeout=1ms")
class KnowledgeExtractionTimeoutIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_fail_a_document_past_the_time_limit_for_good_with_the_limit_in_the_reason() {
        Bot bot = KnowledgeFixtures.bot(api);
        Api.Response upload =
                api.upload(bot.sources(), "file", "catalogue.pdf", "application/pdf", HostileDocuments.longPdf(40, 40));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);

        JsonNode failed = awaitStatus(api, bot, upload.text("id"), "failed");

        assertThat(failed.path("error").asString())
                .isEqualTo("Reading the document took longer than 1 ms (the limit for one document)");
        assertThat(failed.path("attempts").asInt())
                .as("a permanent failure, not retried")
                .isEqualTo(1);
        assertThat(chunks(jdbc, upload.text("id"))).isEmpty();
        // the job removes itself once the run that failed the source returns
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "select count(*) from scheduled_tasks where task_name = :task and task_instance = :id")
                                .param("task", IngestionJob.TASK)
                                .param("id", upload.text("id"))
                                .query(Long.class)
                                .single())
                        .as("no job left to run it again")
                        .isZero());
        assertThat(api.get(bot.sources() + "/" + upload.text("id"))
                        .json()
                        .path("attempts")
                        .asInt())
                .isEqualTo(1);
    }
}
