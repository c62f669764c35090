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
import tools.jackson.databind.JsonNode;

/** Knowledge quotas from the organization's plan (free by default) and its overrides. */
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
        assertThat(api.post(bot.sources() + "/" + kept + "/reindex", "{}").status())
                .isEqualTo(202);
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
        assertThat(api.patch(
                                "/api/v1/organizations/" + bot.organizationId() + "/limits",
                                "{\"knowledgeStorageBytes\": 4096}")
                        .status())
                .isEqualTo(200);
        String first = addText(api, bot, "First", "a".repeat(2500) + UUID.randomUUID());
        long used = api.get(bot.knowledge() + "/quota")
                .json()
                .path("storageBytes")
                .path("used")
                .asLong();
        assertThat(used).isEqualTo(2536);

        JsonNode problem =
                assertProblem(api.post(bot.sources(), """
                {"type": "text", "name": "Second", "text": "%s"}""".formatted("b".repeat(2000))), 403, "quota_exceeded");

        assertThat(problem.path("quota").asString()).isEqualTo("storage");
        assertThat(problem.path("current").asLong()).isEqualTo(2536);
        assertThat(problem.path("max").asLong()).isEqualTo(4096);
        assertThat(api.get(bot.sources()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.delete(bot.sources() + "/" + first).status()).isEqualTo(204);
        assertThat(api.post(bot.sources(), """
                {"type": "text", "name": "Second", "text": "%s"}""".formatted("b".repeat(2000))).status())
                .isEqualTo(202);
    }

    @Test
    void should_take_the_quotas_from_the_plan_and_the_organizations_overrides() {
        Bot bot = KnowledgeFixtures.bot(api);
        String limits = "/api/v1/organizations/" + bot.organizationId() + "/limits";
        JsonNode free = api.get(bot.knowledge() + "/quota").json();
        assertThat(free.path("documents").path("max").asInt()).isEqualTo(10);
        assertThat(free.path("urls").path("max").asInt()).isEqualTo(5);
        assertThat(free.path("ingestionsToday").path("max").asInt()).isEqualTo(20);
        assertThat(free.path("storageBytes").path("max").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(api.put("/api/v1/organizations/" + bot.organizationId() + "/plan", "{\"plan\": \"starter\"}")
                        .json()
                        .path("knowledgeDocuments")
                        .asInt())
                .isEqualTo(100);
        assertThat(api.get(bot.knowledge() + "/quota")
                        .json()
                        .path("documents")
                        .path("max")
                        .asInt())
                .isEqualTo(100);

        JsonNode patched = api.patch(limits, "{\"knowledgeDocuments\": 1}").json();
        assertThat(patched.path("knowledgeDocuments").asInt()).isEqualTo(1);
        assertThat(patched.path("knowledgeUrls").asInt()).isEqualTo(50);
        assertThat(patched.path("monthlyMessages").asLong()).isEqualTo(10000);
        addText(api, bot, "Only", "The only document " + UUID.randomUUID());
        JsonNode problem = assertProblem(api.post(bot.sources(), """
                {"type": "text", "name": "Second", "text": "One document too many"}"""), 403, "quota_exceeded");
        assertThat(problem.path("quota").asString()).isEqualTo("documents");
        assertThat(problem.path("max").asInt()).isEqualTo(1);
        assertThat(api.patch(limits, "{\"knowledgeDocuments\": -1}").status()).isEqualTo(400);

        Bot unlimited = KnowledgeFixtures.bot(api);
        api.put("/api/v1/organizations/" + unlimited.organizationId() + "/plan", "{\"plan\": \"enterprise\"}");
        JsonNode quota = api.get(unlimited.knowledge() + "/quota").json();
        assertThat(quota.path("documents").path("max").isNumber()).isFalse();
        assertThat(quota.path("storageBytes").path("max").isNumber()).isFalse();
    }
}
