package io.parley.agent;

import static io.parley.testing.LlmFake.ok;
import static io.parley.testing.LlmFake.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.platform.ChatbotId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.LlmRequests;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import io.parley.tools.Tools;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The agent's tool loop end to end: WhatsApp in, model rounds on the wire, tools, reply out, executions recorded. */
@Import(LoopTestTools.class)
@TestPropertySource(properties = "parley.tools.timeout=1s")
class AgentLoopIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Tools tools;

    @Test
    void should_answer_after_two_tool_rounds_when_the_model_calls_tools_twice() {
        Tenants.WhatsAppBot bot = botWithTools(LoopTestTools.LOOKUP_ORDER);
        bot.llm()
                .repliesInSequence(
                        toolCall("call_1", "lookup_order", "{\"orderId\":\"A1\"}"),
                        toolCall("call_2", "lookup_order", "{\"orderId\":\"B2\"}"),
                        ok("A1 and B2 have both shipped."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Where are my orders A1 and B2?");

        assertThat(chat.awaitReceived(1)).containsExactly("A1 and B2 have both shipped.");
        assertThat(bot.llm().requests()).hasSize(3);
        String second = bot.llm().requests().get(1).getBodyAsString();
        assertThat(second).contains("call_1").contains("shipped").contains("\"orderId\\\":\\\"A1\\\"");
        assertThat(second).contains("\"tools\"").contains("lookup_order").contains("Finds an order by its id");
        JsonNode executions = executions(chat);
        assertThat(executions).hasSize(2);
        assertThat(executions.get(0).path("tool").asString()).isEqualTo("lookup_order");
        assertThat(executions.get(0).path("arguments").path("orderId").asString())
                .isEqualTo("A1");
        assertThat(executions.get(0).path("status").asString()).isEqualTo("success");
        assertThat(executions.get(0).path("result").path("status").asString()).isEqualTo("shipped");
        assertThat(executions.get(0).path("round").asInt()).isEqualTo(1);
        assertThat(executions.get(1).path("round").asInt()).isEqualTo(2);
        assertThat(executions.get(1).path("durationMs").isNumber()).isTrue();
        List<Rows.Usage> usage = new Rows(jdbc).usage(chat.conversationId());
        assertThat(usage).hasSize(1);
        assertThat(usage.getFirst().tokensIn())
                .as("30 + 30 + 42 over the three model calls")
                .isEqualTo(102);
        assertThat(usage.getFirst().tokensOut()).isEqualTo(5 + 5 + 7);
    }

    @Test
    void should_let_the_model_recover_when_a_tool_throws() {
        Tenants.WhatsAppBot bot = botWithTools(LoopTestTools.BROKEN);
        bot.llm()
                .repliesInSequence(
                        toolCall("call_1", "check_stock", "{}"), ok("I can't check stock right now, sorry."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Do you have size 42?");

        assertThat(chat.awaitReceived(1)).containsExactly("I can't check stock right now, sorry.");
        assertThat(lastToolResult(bot.llm())).contains("warehouse system offline");
        JsonNode execution = executions(chat).get(0);
        assertThat(execution.path("status").asString()).isEqualTo("failed");
        assertThat(execution.path("error").asString()).contains("warehouse system offline");
    }

    @Test
    void should_tell_the_model_which_tools_exist_when_it_calls_an_unknown_one() {
        Tenants.WhatsAppBot bot = botWithTools(LoopTestTools.LOOKUP_ORDER);
        bot.llm().repliesInSequence(toolCall("call_1", "teleport", "{}"), ok("I can only look up orders."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Teleport me");

        assertThat(chat.awaitReceived(1)).containsExactly("I can only look up orders.");
        assertThat(lastToolResult(bot.llm()))
                .contains("Unknown tool 'teleport'")
                .contains("lookup_order");
        assertThat(executions(chat).get(0).path("status").asString()).isEqualTo("failed");
    }

    @Test
    void should_not_run_a_tool_with_arguments_that_break_its_schema() {
        Tenants.WhatsAppBot bot = botWithTools(LoopTestTools.LOOKUP_ORDER);
        bot.llm()
                .repliesInSequence(
                        toolCall("call_1", "lookup_order", "{\"order\": 7}"),
                        toolCall("call_2", "lookup_order", "{\"orderId\": \"A7\"}"),
                        ok("A7 has shipped."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Order A7?");

        assertThat(chat.awaitReceived(1)).containsExactly("A7 has shipped.");
        JsonNode executions = executions(chat);
        assertThat(executions.get(0).path("status").asString()).isEqualTo("failed");
        assertThat(executions.get(0).path("error").asString())
                .contains("Invalid arguments")
                .contains("orderId");
        assertThat(executions.get(0).has("result")
                        && !executions.get(0).path("result").isNull())
                .isFalse();
        assertThat(executions.get(1).path("status").asString()).isEqualTo("success");
    }

    @Test
    void should_stop_with_the_max_rounds_message_when_the_model_keeps_calling_tools() {
        Tenants.WhatsAppBot bot = botWithTools(LoopTestTools.LOOKUP_ORDER);
        assertThat(api.patch("/api/v1/chatbots/" + bot.chatbotId(), """
                {"model": {"maxToolRounds": 2}, "fallbackMessages": {"maxRounds": "MAX-ROUNDS"}}""").status())
                .isEqualTo(200);
        bot.llm().replies(toolCall("call_x", "lookup_order", "{\"orderId\":\"A1\"}"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Loop forever");

        assertThat(chat.awaitReceived(1)).containsExactly("MAX-ROUNDS");
        assertThat(bot.llm().requests())
                .as("two rounds run, the third request's tool call is refused")
                .hasSize(3);
        assertThat(executions(chat)).hasSize(2);
    }

    @Test
    void should_report_a_timeout_to_the_model_when_a_tool_takes_longer_than_allowed() {
        Tenants.WhatsAppBot bot = botWithTools(LoopTestTools.SLOW);
        bot.llm().repliesInSequence(toolCall("call_1", "track_parcel", "{}"), ok("Tracking is slow today."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Where is my parcel?");

        assertThat(chat.awaitReceived(1)).containsExactly("Tracking is slow today.");
        JsonNode execution = executions(chat).get(0);
        assertThat(execution.path("status").asString()).isEqualTo("timeout");
        assertThat(execution.path("durationMs").asLong()).isBetween(900L, 4_000L);
        assertThat(lastToolResult(bot.llm())).contains("did not answer within 1 s");
    }

    @Test
    void should_hand_the_conversation_to_a_person_and_fall_silent_when_a_tool_asks_for_it() {
        Tenants.WhatsAppBot bot = botWithTools(LoopTestTools.ESCALATE);
        api.patch(
                "/api/v1/chatbots/" + bot.chatbotId(),
                "{\"fallbackMessages\": {\"handover\": \"A PERSON WILL REPLY\"}}");
        bot.llm().repliesInSequence(toolCall("call_1", "escalate", "{}"), ok("should not be sent"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("I want to talk to a human");

        assertThat(chat.awaitReceived(1)).containsExactly("A PERSON WILL REPLY");
        assertThat(api.get("/api/v1/conversations/" + chat.conversationId())
                        .json()
                        .path("owner")
                        .asString())
                .isEqualTo("human");
        chat.says("Hello? Anyone?");
        time.advance(PAST_EVERY_RETRY);
        assertThat(chat.received()).hasSize(1);
        assertThat(bot.llm().requests()).as("the bot no longer calls the model").hasSize(1);
    }

    @Test
    void should_answer_from_the_fallback_model_when_the_primary_is_unavailable() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(LlmFake.error(503, "server_error", "overloaded"));
        LlmFake fallback = LlmFake.create().replies("From the fallback model.");
        assertThat(api.patch("/api/v1/chatbots/" + bot.chatbotId(), """
                {"model": {"fallback": {"provider": "openai", "name": "gpt-fallback", "baseUrl": "%s", "apiKey": "%s"}}}""".formatted(
                                        fallback.baseUrl(), fallback.apiKey()))
                        .status())
                .isEqualTo(200);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hi");

        assertThat(chat.awaitReceived(1)).containsExactly("From the fallback model.");
        assertThat(bot.llm().requests()).hasSize(1);
        assertThat(fallback.requests()).hasSize(1);
        assertThat(new Rows(jdbc).usage(chat.conversationId()).getFirst().model())
                .isEqualTo("gpt-fallback");
    }

    @Test
    void should_price_the_turn_when_the_model_has_a_price_and_leave_it_unknown_otherwise() {
        String model = "gpt-priced-" + UUID.randomUUID();
        assertThat(api.put("/api/v1/prices", """
                {"provider": "openai", "model": "%s", "inputPer1k": 0.5, "outputPer1k": 1.5}""".formatted(model)).status()).isEqualTo(200);
        Tenants.WhatsAppBot priced = Tenants.openAiBot(api);
        api.patch("/api/v1/chatbots/" + priced.chatbotId(), "{\"model\": {\"name\": \"" + model + "\"}}");
        priced.llm().replies("Priced.");
        Tenants.WhatsAppBot unpriced = Tenants.openAiBot(api);
        unpriced.llm().replies("Unpriced.");
        WhatsAppChat pricedChat = WhatsAppChat.start(api, priced);
        WhatsAppChat unpricedChat = WhatsAppChat.start(api, unpriced);

        pricedChat.says("Hi");
        unpricedChat.says("Hi");

        pricedChat.awaitReceived(1);
        unpricedChat.awaitReceived(1);
        // 42 prompt tokens × 0.5/1K + 7 completion tokens × 1.5/1K
        assertThat(cost(pricedChat)).isEqualByComparingTo(new BigDecimal("0.031500"));
        assertThat(cost(unpricedChat)).isNull();
    }

    private Tenants.WhatsAppBot botWithTools(String... names) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        tools.select(new ChatbotId(UUID.fromString(bot.chatbotId())), List.of(names), List.of());
        return bot;
    }

    private JsonNode executions(WhatsAppChat chat) {
        return api.get("/api/v1/conversations/" + chat.conversationId() + "/tool-executions")
                .json();
    }

    private static String lastToolResult(LlmFake llm) {
        List<LlmRequests.Line> lines = LlmRequests.messages(llm.requests().getLast());
        return lines.stream()
                .filter(l -> l.role().equals("tool"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .text();
    }

    private BigDecimal cost(WhatsAppChat chat) {
        return jdbc.sql("select cost from usage_records where conversation_id = cast(:id as uuid)")
                .param("id", chat.conversationId())
                .query((rs, i) -> rs.getBigDecimal(1))
                .list()
                .getFirst();
    }
}
