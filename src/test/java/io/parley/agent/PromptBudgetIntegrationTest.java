package io.parley.agent;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.KnowledgeRows.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.internal.embed.Embedders;
import io.parley.platform.cache.ChangeNotices;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.KnowledgeRows;
import io.parley.testing.LlmFake;
import io.parley.testing.LlmRequests;
import io.parley.testing.LlmRequests.Line;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The prompt fitted into a chatbot's token budgets (ADR 32), as the model receives it and as the turn records it. */
class PromptBudgetIntegrationTest extends IntegrationTestSupport {
    /** About 50 tokens each in o200k_base (gpt-4o-mini's encoding), with the per-message overhead. */
    private static final String FILLER = " word".repeat(45);

    @Autowired
    Embedders embedders;

    @Autowired
    ChangeNotices notices;

    @Test
    void should_cut_the_oldest_history_to_the_chatbots_budget_and_record_the_plan_on_the_turn() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        patch(bot, "{\"promptBudget\": {\"history\": 200}}");
        bot.llm().repliesInSequence(LlmFake.ok("Hi! How can I help?"), LlmFake.ok("Noted."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hello");
        chat.awaitReceived(1);
        String conversationId = chat.conversationId();
        for (int i = 1; i <= 6; i++) {
            insertMessage(bot, conversationId, i % 2 == 1 ? "user" : "assistant", "seed %02d%s".formatted(i, FILLER));
        }

        chat.says("Latest question");
        chat.awaitReceived(2);

        List<Line> sent = LlmRequests.messages(bot.llm().requests().get(1));
        assertThat(sent.getFirst().role()).isEqualTo("system");
        assertThat(sent.getFirst().text()).startsWith("You are a helpful assistant.");
        assertThat(sent.subList(1, sent.size()))
                .extracting(
                        line -> line.text().substring(0, Math.min(7, line.text().length())))
                .containsExactly("seed 04", "seed 05", "seed 06", "Latest ");
        JsonNode prompt = turns(conversationId).get(1).path("prompt");
        assertThat(prompt.path("contextWindow").asInt()).isEqualTo(128_000);
        assertThat(prompt.path("counting").asString()).isEqualTo("o200k_base");
        assertThat(prompt.path("reportedPromptTokens").asInt()).isEqualTo(42);
        JsonNode history = prompt.path("sections").path("history");
        assertThat(history.path("planned").asInt()).isEqualTo(200);
        assertThat(history.path("actual").asInt()).isBetween(150, 200);
        assertThat(history.path("dropped").asInt())
                .as("Hello, its reply and seeds 01 to 03")
                .isEqualTo(5);
        assertThat(prompt.path("sections").path("reply").path("actual").asInt()).isEqualTo(7);
        assertThat(prompt.path("sections").path("reply").path("planned").asInt())
                .isEqualTo(4_096);
        assertThat(prompt.path("sections").path("system").path("actual").asInt())
                .isPositive();
    }

    @Test
    void should_leave_out_knowledge_past_its_budget_but_never_the_system_prompt() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        new KnowledgeRows(jdbc, embedders, notices)
                .source(
                        bot.organizationId(),
                        bot.chatbotId(),
                        "EmberCook handbook",
                        "file",
                        List.of(chunk(
                                "Never use the stove inside a tent or any enclosed space: it produces carbon "
                                        + "monoxide, which is odourless and can be fatal. Cook in the open.",
                                "{\"page\": 3}")));
        patch(bot, "{\"promptBudget\": {\"knowledge\": 0}}");
        bot.llm().replies("Please cook outside.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can I use my stove inside the tent when it rains?");

        chat.awaitReceived(1);
        String system =
                LlmRequests.messages(bot.llm().requests().getFirst()).getFirst().text();
        assertThat(system)
                .startsWith("You are a helpful assistant.")
                .doesNotContain("## Knowledge base")
                .doesNotContain("carbon monoxide");
        JsonNode knowledge = turns(chat.conversationId())
                .get(0)
                .path("prompt")
                .path("sections")
                .path("knowledge");
        assertThat(knowledge.path("planned").asInt()).isZero();
        assertThat(knowledge.path("actual").asInt()).isZero();
        assertThat(knowledge.path("dropped").asInt()).isEqualTo(1);
    }

    @Test
    void should_merge_budget_overrides_key_by_key_and_reject_ones_that_cannot_work_naming_the_field() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String path = "/api/v1/chatbots/" + bot.chatbotId();

        assertInvalidField(api.patch(path, "{\"promptBudget\": {\"history\": -1}}"), "promptBudget.history");
        assertInvalidField(api.patch(path, "{\"promptBudget\": {\"history\": \"many\"}}"), "promptBudget.history");
        assertInvalidField(
                api.patch(path, "{\"promptBudget\": {\"contextWindow\": 100}}"), "promptBudget.contextWindow");
        assertInvalidField(
                api.patch(path, "{\"promptBudget\": {\"contextWindow\": 1000, \"history\": 2000}}"), "promptBudget");
        assertInvalidField(api.patch(path, "{\"promptBudget\": \"big\"}"), "promptBudget");

        JsonNode set = patch(bot, "{\"promptBudget\": {\"contextWindow\": 16000, \"history\": 3000}}")
                .path("promptBudget");
        assertThat(set.path("contextWindow").asInt()).isEqualTo(16_000);
        assertThat(set.path("history").asInt()).isEqualTo(3_000);
        JsonNode merged = patch(bot, "{\"promptBudget\": {\"history\": null, \"replyReserve\": 1000}}")
                .path("promptBudget");
        assertThat(merged.has("history")).isFalse();
        assertThat(merged.path("contextWindow").asInt()).isEqualTo(16_000);
        assertThat(merged.path("replyReserve").asInt()).isEqualTo(1_000);
        assertThat(patch(bot, "{\"promptBudget\": null}").path("promptBudget").size())
                .isZero();
    }

    private JsonNode patch(Tenants.WhatsAppBot bot, String body) {
        Api.Response response = api.patch("/api/v1/chatbots/" + bot.chatbotId(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode turns(String conversationId) {
        Api.Response response = api.get("/api/v1/conversations/" + conversationId + "/turns");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void insertMessage(Tenants.WhatsAppBot bot, String conversationId, String role, String content) {
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, type, content, needs_reply)
                        values (:id, :org, :conversation, :role, 'text', :content, false)""")
                .param("id", UUID.randomUUID())
                .param("org", UUID.fromString(bot.organizationId()))
                .param("conversation", UUID.fromString(conversationId))
                .param("role", role)
                .param("content", content)
                .update();
    }
}
