package io.parley.knowledge;

import static io.parley.testing.ApiProblems.assertProblem;
import static io.parley.testing.KnowledgeRows.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.internal.embed.Embedders;
import io.parley.knowledge.internal.search.KnowledgeIndex;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.KnowledgeRows;
import io.parley.testing.Tenants;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/chatbots/{botId}/knowledge/search} over chunk rows written as ingestion writes them. */
class KnowledgeSearchIntegrationTest extends IntegrationTestSupport {
    private static final List<KnowledgeRows.Chunk> HANDBOOK = List.of(
            chunk(
                    "Error code E-217 on the igniter display means the piezo battery is low. Replace the CR2032 cell.",
                    "{\"page\": 2}"),
            chunk(
                    "Never use the stove inside a tent or any enclosed space: it produces carbon monoxide.",
                    "{\"page\": 3}"),
            chunk("You may return unused items within 30 days of delivery for a full refund.", "{\"page\": 5}"));
    private static final List<KnowledgeRows.Chunk> PRICES = List.of(
            chunk("SKU A7-33X | Alpine Storm 4-season tent | 749.00 EUR", "{\"sheet\": \"Tents\", \"row\": 4}"),
            chunk("SKU A7-33Y | Alpine Storm footprint | 59.00 EUR", "{\"sheet\": \"Tents\", \"row\": 5}"));

    @Autowired
    Embedders embedders;

    @Autowired
    ChangeNotices notices;

    @Autowired
    KnowledgeIndex index;

    @Autowired
    Knowledge knowledge;

    private KnowledgeRows rows;
    private String org;
    private String bot;
    private UUID handbook;

    @BeforeEach
    void knowledgeBase() {
        rows = new KnowledgeRows(jdbc, embedders, notices);
        org = Tenants.organization(api, "Knowledge " + UUID.randomUUID());
        bot = chatbot(api, org);
        handbook = rows.source(org, bot, "EmberCook handbook", "file", HANDBOOK);
        rows.source(org, bot, "Price list 2026", "file", PRICES);
    }

    @Test
    void should_find_the_chunk_with_its_source_and_location_when_the_query_is_only_a_code() {
        JsonNode results = search(bot, "{\"query\": \"A7-33X\"}");

        assertThat(results.get(0).path("text").asString()).contains("Alpine Storm 4-season tent");
        assertThat(results.get(0).path("source").path("name").asString()).isEqualTo("Price list 2026");
        assertThat(results.get(0).path("source").path("type").asString()).isEqualTo("file");
        assertThat(results.get(0).path("source").path("id").asString()).isNotBlank();
        assertThat(results.get(0).path("location").path("sheet").asString()).isEqualTo("Tents");
        assertThat(results.get(0).path("location").path("row").asInt()).isEqualTo(4);
        assertThat(results.get(0).path("score").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void should_find_the_chunk_when_the_query_is_a_paraphrase() {
        JsonNode results = search(bot, "{\"query\": \"can I cook in my tent when it rains?\", \"limit\": 2}");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("text").asString()).contains("carbon monoxide");
        assertThat(results.get(0).path("location").path("page").asInt()).isEqualTo(3);
        assertThat(results.get(0).path("score").asDouble())
                .isGreaterThanOrEqualTo(results.get(1).path("score").asDouble());
    }

    @Test
    void should_leave_out_passages_below_min_score() {
        JsonNode all = search(bot, "{\"query\": \"Alpine Storm tent price\", \"limit\": 5}");
        JsonNode strong = search(bot, "{\"query\": \"Alpine Storm tent price\", \"limit\": 5, \"minScore\": 0.9}");

        assertThat(all.findValues("score")).as(all.toString()).anyMatch(s -> s.asDouble() < 0.9);
        assertThat(strong).isNotEmpty().hasSizeLessThan(all.size());
        strong.forEach(p -> assertThat(p.path("score").asDouble()).isGreaterThanOrEqualTo(0.9));
        assertThat(strong.get(0).path("text").asString()).contains("Alpine Storm");
    }

    @Test
    void should_never_return_another_chatbots_or_tenants_chunks() {
        String sameOrgBot = chatbot(api, org);
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        String otherOrgBot = chatbot(api, otherOrg);
        rows.source(org, sameOrgBot, "Sister bot notes", "text", List.of(chunk("E-217 is our VIP discount code.")));
        rows.source(otherOrg, otherOrgBot, "Competitor", "text", List.of(chunk("E-217 means the lid is open.")));
        // A row that claims our chatbot under another organization (inconsistent data) must not leak either.
        rows.source(otherOrg, bot, "Forged", "text", List.of(chunk("E-217 forged row from another tenant.")));

        JsonNode results = search(bot, "{\"query\": \"E-217\", \"limit\": 10}");

        assertThat(results.findValuesAsString("text"))
                .isNotEmpty()
                .allMatch(t -> !t.contains("VIP") && !t.contains("lid") && !t.contains("forged"));
        assertThat(search(sameOrgBot, "{\"query\": \"E-217\"}").findValuesAsString("text"))
                .containsExactly("E-217 is our VIP discount code.");
        assertThat(search(otherOrgBot, "{\"query\": \"E-217\"}").findValuesAsString("text"))
                .containsExactly("E-217 means the lid is open.");
    }

    @Test
    void should_not_find_a_source_once_it_is_deleted_or_not_synced() {
        assertThat(search(bot, "{\"query\": \"E-217\"}").get(0).path("text").asString())
                .contains("E-217");
        rows.source(org, bot, "Draft", "text", "processing", List.of(chunk("PRL-1042 pending chunk")));

        rows.deleteSource(org, bot, handbook);

        assertThat(search(bot, "{\"query\": \"E-217 igniter\", \"limit\": 10}").findValuesAsString("text"))
                .noneMatch(t -> t.contains("E-217"));
        assertThat(search(bot, "{\"query\": \"PRL-1042\", \"limit\": 10}").findValuesAsString("text"))
                .noneMatch(t -> t.contains("PRL-1042"));
    }

    @Test
    void should_rebuild_the_index_when_the_knowledge_version_moves() {
        ChatbotId id = new ChatbotId(UUID.fromString(bot));
        OrganizationId orgId = new OrganizationId(UUID.fromString(org));
        long before = index.current(orgId, id).version();
        assertThat(before).isEqualTo(rows.version(bot));
        assertThat(index.current(orgId, id))
                .as("same version: the cached index")
                .isSameAs(index.current(orgId, id));

        rows.source(org, bot, "Late addition", "text", List.of(chunk("Gift cards GC-50 never expire.")));

        assertThat(index.current(orgId, id).version()).isEqualTo(before + 1);
        assertThat(knowledge.search(id, "GC-50", 1).getFirst().sourceName()).isEqualTo("Late addition");
    }

    @Test
    void should_build_once_and_serve_every_concurrent_search_the_new_version_when_many_search_after_a_change()
            throws Exception {
        ChatbotId id = new ChatbotId(UUID.fromString(bot));
        OrganizationId orgId = new OrganizationId(UUID.fromString(org));
        rows.source(org, bot, "Vouchers", "text", List.of(chunk("Voucher VX-900 is valid for one year.")));
        long version = rows.version(bot);

        List<java.util.concurrent.Future<Object>> results;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            results = pool.invokeAll(java.util.Collections.nCopies(8, () -> index.current(orgId, id)));
        }

        Object first = results.getFirst().get();
        for (var result : results) {
            assertThat(result.get()).as("one build, shared").isSameAs(first);
        }
        assertThat(index.current(orgId, id).version()).isEqualTo(version);
    }

    @Test
    void should_answer_404_when_the_chatbot_is_unknown_and_400_when_the_query_is_blank() {
        assertProblem(
                api.post("/api/v1/chatbots/" + UUID.randomUUID() + "/knowledge/search", "{\"query\": \"E-217\"}"),
                404,
                "chatbot_not_found");
        assertProblem(
                api.post("/api/v1/chatbots/not-a-uuid/knowledge/search", "{\"query\": \"E-217\"}"),
                404,
                "chatbot_not_found");
        assertProblem(
                api.post("/api/v1/chatbots/" + bot + "/knowledge/search", "{\"query\": \"  \"}"),
                400,
                "query_required");
        assertProblem(
                api.post("/api/v1/chatbots/" + bot + "/knowledge/search", "{\"query\": \"x\", \"limit\": 0}"),
                400,
                "invalid_limit");
    }

    @Test
    void should_return_nothing_when_the_chatbot_has_no_knowledge() {
        assertThat(search(chatbot(api, org), "{\"query\": \"E-217\"}")).isEmpty();
    }

    private JsonNode search(String chatbotId, String body) {
        Api.Response response = api.post("/api/v1/chatbots/" + chatbotId + "/knowledge/search", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String chatbot(Api api, String org) {
        Api.Response bot = api.post(
                "/api/v1/organizations/" + org + "/chatbots",
                "{\"name\": \"Shop\", \"systemPrompt\": \"You help customers.\"}");
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        return bot.text("id");
    }
}
