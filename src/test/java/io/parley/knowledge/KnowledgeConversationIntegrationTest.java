package io.parley.knowledge;

import static io.parley.testing.KnowledgeRows.chunk;
import static io.parley.testing.LlmFake.ok;
import static io.parley.testing.LlmFake.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.internal.embed.Embedders;
import io.parley.platform.cache.ChangeNotices;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.KnowledgeRows;
import io.parley.testing.LlmRequests;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bots answering from their knowledge over WhatsApp: retrieval-augmented prompts, the tool, the offline model. */
class KnowledgeConversationIntegrationTest extends IntegrationTestSupport {
    private static final List<KnowledgeRows.Chunk> HANDBOOK = List.of(
            chunk(
                    "Never use the stove inside a tent or any enclosed space: it produces carbon monoxide, which is "
                            + "odourless and can be fatal. Cook in the open.",
                    "{\"page\": 3}"),
            chunk(
                    "Error code E-217 on the igniter display means the piezo battery is low. Replace the CR2032 cell.",
                    "{\"page\": 2}"),
            chunk("You may return unused items within 30 days of delivery for a full refund.", "{\"page\": 5}"));
    private static final List<KnowledgeRows.Chunk> PRICES = List.of(
            chunk("SKU A7-33X | Alpine Storm 4-season tent | 749.00 EUR", "{\"sheet\": \"Tents\", \"row\": 4}"));

    @Autowired
    Embedders embedders;

    @Autowired
    ChangeNotices notices;

    private KnowledgeRows rows;

    @BeforeEach
    void rows() {
        rows = new KnowledgeRows(jdbc, embedders, notices);
    }

    @Test
    void should_give_the_model_the_matching_passages_with_their_sources_in_the_system_prompt() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        withKnowledge(bot);
        bot.llm().replies("No, never cook inside the tent (EmberCook handbook).");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can I use my stove inside the tent when it rains?");

        assertThat(chat.awaitReceived(1)).containsExactly("No, never cook inside the tent (EmberCook handbook).");
        String system =
                LlmRequests.messages(bot.llm().requests().getFirst()).getFirst().text();
        assertThat(system)
                .contains("## Knowledge base")
                .contains("name its source")
                .contains("[EmberCook handbook]\nNever use the stove inside a tent");
        assertThat(system.indexOf("carbon monoxide"))
                .as("the best passage comes first")
                .isLessThan(system.indexOf("full refund") < 0 ? Integer.MAX_VALUE : system.indexOf("full refund"));
    }

    @Test
    void should_leave_the_prompt_without_a_knowledge_section_when_the_bot_has_no_knowledge() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Hello!");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can I use my stove inside the tent?");

        chat.awaitReceived(1);
        assertThat(LlmRequests.messages(bot.llm().requests().getFirst())
                        .getFirst()
                        .text())
                .doesNotContain("## Knowledge base");
    }

    @Test
    void should_run_knowledge_search_when_the_model_calls_it() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        withKnowledge(bot);
        assertThat(api.put("/api/v1/chatbots/" + bot.chatbotId() + "/tools", "{\"builtins\": [\"knowledge_search\"]}")
                        .status())
                .isEqualTo(200);
        bot.llm()
                .repliesInSequence(
                        toolCall("call_1", "knowledge_search", "{\"query\": \"A7-33X\", \"limit\": 2}"),
                        ok("The Alpine Storm costs 749 EUR (Price list 2026)."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("How much is the A7-33X?");

        assertThat(chat.awaitReceived(1)).containsExactly("The Alpine Storm costs 749 EUR (Price list 2026).");
        assertThat(bot.llm().requests().getFirst().getBodyAsString()).contains("knowledge_search");
        String toolResult = LlmRequests.messages(bot.llm().requests().get(1)).stream()
                .filter(l -> l.role().equals("tool"))
                .findFirst()
                .orElseThrow()
                .text();
        assertThat(toolResult)
                .contains("Price list 2026")
                .contains("749.00 EUR")
                .contains("Tents");
        assertThat(api.get("/api/v1/conversations/" + chat.conversationId() + "/tool-executions")
                        .json()
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("success");
    }

    @Test
    void should_answer_offline_from_the_best_passage_and_fall_back_when_nothing_clears_the_threshold() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        withKnowledge(bot);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can I use the stove inside my tent?");
        // The passage's best sentence, not the whole chunk ("Cook in the open." stays out).
        assertThat(chat.awaitReceived(1).getFirst())
                .isEqualTo(
                        "Never use the stove inside a tent or any enclosed "
                                + "space: it produces carbon monoxide, which is odourless and can be fatal.\n\n(EmberCook handbook)");

        chat.says("Who won the football world cup in 1998?");
        assertThat(chat.awaitReceived(2).get(1)).isEqualTo("UNKNOWN-FALLBACK");
    }

    @Test
    void should_answer_offline_with_the_matching_table_row_without_its_table_syntax_when_the_passage_is_a_table() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        withKnowledge(bot);
        rows.source(bot.organizationId(), bot.chatbotId(), "Tent prices", "file", List.of(chunk("""
                | SKU | Tent | Price |
                |---|---|---|
                | A7-33X | Alpine Storm 4-season tent | 749.00 EUR |
                | B2-10 | Breeze 2 summer tent | 199.00 EUR |""", "{\"page\": 1}")));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("How much does the Breeze 2 summer tent cost?");

        assertThat(chat.awaitReceived(1))
                .containsExactly("SKU: B2-10; Tent: Breeze 2 summer tent; Price: 199.00 EUR\n\n(Tent prices)");
    }

    @Test
    void should_prefer_the_faq_answer_when_the_offline_bot_has_both() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(
                api, "[{\"question\": \"Can I cook inside my tent?\", \"answer\": \"FAQ: please cook outside.\"}]");
        withKnowledge(bot);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can I cook inside my tent?");

        assertThat(chat.awaitReceived(1)).containsExactly("FAQ: please cook outside.");
    }

    private void withKnowledge(Tenants.WhatsAppBot bot) {
        rows.source(bot.organizationId(), bot.chatbotId(), "EmberCook handbook", "file", HANDBOOK);
        rows.source(bot.organizationId(), bot.chatbotId(), "Price list 2026", "file", PRICES);
    }
}
