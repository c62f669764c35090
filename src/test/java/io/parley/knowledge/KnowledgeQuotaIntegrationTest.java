package io.parley.knowledge;

import static io.parley.knowledge.KnowledgeFixtures.addText;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.testing.IntegrationTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The daily ingestion and storage quotas (storage shrunk to 4 KB so a few texts fill it). */
@TestPropertySource(properties = "parley.knowledge.quota.storage=4KB")
class KnowledgeQuotaIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_answer_403_after_twenty_ingestions_a_day_even_when_sources_were_deleted_and_not_count_reindex() {
        Bot bot = KnowledgeFixtures.bot(api);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(addText(api, bot, "Note " + i, "Fact " + i + " " + UUID.randomUUID()));
        }
        for (String id : ids) {
            assertThat(api.delete(bot.sources() + "/" + id).status()).isEqualTo(204);
        }
        String kept = null;
        for (int i = 0; i < 10; i++) {
            kept = addText(api, bot, "Again " + i, "Fact again " + i + " " + UUID.randomUUID());
        }
        awaitStatus(api, bot, kept, "synced");
        assertThat(api.post(bot.sources() + "/" + kept + "/reindex", "{}").status()).isEqualTo(202);
        awaitStatus(api, bot, kept, "synced");
        assertThat(api.delete(bot.sources() + "/" + kept).status()).isEqualTo(204);

        JsonNode problem = assertProblem(api.post(bot.sources(), """
                {"type": "text", "name": "Twenty-first", "text": "One too many today"}"""), 403, "quota_exceeded");

        assertThat(problem.path("quota").asString()).isEqualTo("ingestions");
        assertThat(problem.path("current").asInt()).isEqualTo(20);
        assertThat(problem.path("max").asInt()).isEqualTo(20);
        JsonNode quota = api.get(bot.knowledge() + "/quota").json();
        assertThat(quota.path("ingestionsToday").path("used").asInt()).isEqualTo(20);
        assertThat(quota.path("documents").path("used").asInt()).isEqualTo(9);
    }

    @Test
    void should_answer_403_when_the_storage_quota_would_be_exceeded_and_free_it_on_delete() {
        Bot bot = KnowledgeFixtures.bot(api);
        String first = addText(api, bot, "First", "a".repeat(2500) + UUID.randomUUID());
        long used = api.get(bot.knowledge() + "/quota").json().path("storageBytes").path("used").asLong();
        assertThat(used).isEqualTo(2536);

        JsonNode problem = assertProblem(api.post(bot.sources(), """
                {"type": "text", "name": "Second", "text": "%s"}""".formatted("b".repeat(2000))), 403,
                "quota_exceeded");

        assertThat(problem.path("quota").asString()).isEqualTo("storage");
        assertThat(problem.path("current").asLong()).isEqualTo(2536);
        assertThat(problem.path("max").asLong()).isEqualTo(4096);
        assertThat(api.get(bot.sources()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.delete(bot.sources() + "/" + first).status()).isEqualTo(204);
        assertThat(api.post(bot.sources(), """
                {"type": "text", "name": "Second", "text": "%s"}""".formatted("b".repeat(2000))).status())
                .isEqualTo(202);
    }
}
