package io.parley.knowledge;

import static io.parley.knowledge.KnowledgeFixtures.addText;
import static io.parley.knowledge.KnowledgeFixtures.awaitStatus;
import static io.parley.knowledge.KnowledgeFixtures.chunks;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeFixtures.Bot;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Quotas, deletion, tenant isolation and the demo bot's bundled handbook. */
class KnowledgeAdminIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_answer_403_when_the_document_quota_is_used_up_and_release_it_on_delete() {
        Bot bot = KnowledgeFixtures.bot(api);
        String first = null;
        for (int i = 0; i < 10; i++) {
            String id = addText(api, bot, "Doc " + i, "Document number " + i + " " + UUID.randomUUID());
            first = first == null ? id : first;
        }

        JsonNode problem = assertProblem(api.post(bot.sources(), """
                {"type": "text", "name": "one too many", "text": "Eleven"}"""), 403, "quota_exceeded");
        assertThat(problem.path("quota").asString()).isEqualTo("documents");
        assertThat(problem.path("current").asInt()).isEqualTo(10);
        assertThat(problem.path("max").asInt()).isEqualTo(10);
        JsonNode quota = api.get(bot.knowledge() + "/quota").json();
        assertThat(quota.path("documents").path("used").asInt()).isEqualTo(10);
        assertThat(quota.path("documents").path("max").asInt()).isEqualTo(10);
        assertThat(quota.path("ingestionsToday").path("used").asInt()).isEqualTo(10);
        assertThat(quota.path("ingestionsToday").path("max").asInt()).isEqualTo(20);
        assertThat(quota.path("storageBytes").path("used").asLong()).isPositive();
        assertThat(quota.path("storageBytes").path("max").asLong()).isEqualTo(100L * 1024 * 1024);

        awaitStatus(api, bot, first, "synced");
        long version = KnowledgeFixtures.version(jdbc, bot);
        assertThat(api.delete(bot.sources() + "/" + first).status()).isEqualTo(204);

        assertThat(api.get(bot.sources() + "/" + first).status()).isEqualTo(404);
        assertThat(chunks(jdbc, first)).isEmpty();
        assertThat(KnowledgeFixtures.version(jdbc, bot)).isGreaterThan(version);
        assertThat(api.get(bot.knowledge() + "/quota")
                        .json()
                        .path("documents")
                        .path("used")
                        .asInt())
                .isEqualTo(9);
        addText(api, bot, "Replacement", "Fits again " + UUID.randomUUID());
    }

    @Test
    void should_find_a_source_through_the_search_api_once_synced_and_no_longer_after_it_is_deleted() {
        Bot bot = KnowledgeFixtures.bot(api);
        String code = "ZX-" + (1000 + new java.util.Random().nextInt(9000));
        String id = addText(api, bot, "Spare parts", "The replacement lid " + code + " fits every travel mug.");
        awaitStatus(api, bot, id, "synced");
        String query = "{\"query\": \"" + code + "\", \"limit\": 3}";

        JsonNode found = api.post(bot.knowledge() + "/search", query).json();
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).path("text").asString()).contains(code);
        assertThat(found.get(0).path("source").path("id").asString()).isEqualTo(id);

        assertThat(api.delete(bot.sources() + "/" + id).status()).isEqualTo(204);

        assertThat(api.post(bot.knowledge() + "/search", query).json()).isEmpty();
    }

    @Test
    void should_answer_403_when_the_url_quota_is_used_up() {
        Bot bot = KnowledgeFixtures.bot(api);
        for (int i = 0; i < 5; i++) {
            Api.Response added = api.post(
                    bot.sources(),
                    "{\"type\": \"url\", \"url\": \"" + Fakes.baseUrl() + "/quota-" + UUID.randomUUID() + "\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(202);
        }

        JsonNode problem = assertProblem(
                api.post(
                        bot.sources(),
                        "{\"type\": \"url\", \"url\": \"" + Fakes.baseUrl() + "/quota-" + UUID.randomUUID() + "\"}"),
                403,
                "quota_exceeded");
        assertThat(problem.path("quota").asString()).isEqualTo("urls");
        assertThat(problem.path("current").asInt()).isEqualTo(5);
        assertThat(problem.path("max").asInt()).isEqualTo(5);
    }

    @Test
    void should_not_find_a_source_through_another_chatbot_or_another_tenant() {
        Bot owner = KnowledgeFixtures.bot(api);
        Bot sibling = KnowledgeFixtures.botIn(api, owner.organizationId());
        Bot stranger = KnowledgeFixtures.bot(api);
        String id = addText(api, owner, "Private", "Only for the owner " + UUID.randomUUID());

        for (Bot other : new Bot[] {sibling, stranger}) {
            assertProblem(api.get(other.sources() + "/" + id), 404, "knowledge_source_not_found");
            assertProblem(api.delete(other.sources() + "/" + id), 404, "knowledge_source_not_found");
            assertProblem(api.post(other.sources() + "/" + id + "/reindex", "{}"), 404, "knowledge_source_not_found");
            assertThat(api.get(other.sources()).json().path("total").asInt()).isZero();
        }
        assertProblem(api.get(owner.sources() + "/not-a-uuid"), 404, "knowledge_source_not_found");
        assertProblem(
                api.get("/api/v1/chatbots/" + UUID.randomUUID() + "/knowledge/sources"), 404, "chatbot_not_found");
        assertThat(api.get(owner.sources() + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void should_reindex_a_source_on_request() {
        Bot bot = KnowledgeFixtures.bot(api);
        String id = addText(api, bot, "Reindexed", "Some text to embed twice " + UUID.randomUUID());
        awaitStatus(api, bot, id, "synced");
        long version = KnowledgeFixtures.version(jdbc, bot);

        Api.Response reindex = api.post(bot.sources() + "/" + id + "/reindex", "{}");

        assertThat(reindex.status()).as(reindex.body()).isEqualTo(202);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> KnowledgeFixtures.version(jdbc, bot) > version);
        awaitStatus(api, bot, id, "synced");
        assertThat(chunks(jdbc, id)).hasSize(1);
    }

    @Test
    void should_ingest_the_bundled_handbook_for_the_demo_bot() {
        String demoBot = jdbc.sql("""
                        select c.id::text from chatbots c join organizations o on o.id = c.organization_id
                        where o.slug = 'demo' order by c.created_at limit 1""").query(String.class).single();
        Bot bot = new Bot(null, demoBot);
        JsonNode items = api.get(bot.sources()).json().path("items");
        assertThat(items.findValuesAsString("name")).contains("Parley Demo Shop handbook");
        String id = items.get(0).path("id").asString();

        awaitStatus(api, bot, id, "synced");

        assertThat(chunks(jdbc, id))
                .anySatisfy(chunk -> assertThat(chunk.text()).contains("PRL-1042"))
                .anySatisfy(chunk -> assertThat(chunk.text()).contains("30 days"));
    }
}
