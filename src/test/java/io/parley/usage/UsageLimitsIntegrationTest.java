package io.parley.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Limits checked before the model is called: monthly messages, cost budget, contact budget, period roll-over. */
class UsageLimitsIntegrationTest extends IntegrationTestSupport {
    @Test
    void should_send_the_limit_message_once_without_calling_the_model_when_the_monthly_messages_are_used_up() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help.");
        patchLimits(bot, "{\"monthlyMessages\": 3}");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        for (int i = 1; i <= 3; i++) {
            chat.says("Question " + i);
            assertThat(chat.awaitReceived(i)).hasSize(i).last().isEqualTo("Happy to help.");
        }
        chat.says("Question 4");

        assertThat(chat.awaitReceived(4).getLast()).isEqualTo("LIMIT-FALLBACK");
        assertThat(bot.llm().requests()).as("no model call for the 4th message").hasSize(3);
        assertThat(events(bot, "usage.limit_reached"))
                .hasSize(1)
                .first()
                .asString()
                .contains("monthlyMessages");
        assertThat(events(bot, "usage.warning")).as("80 % warning once").hasSize(1);

        chat.says("Question 5");
        awaitTurns(chat, 5);
        assertThat(chat.received()).as("silent after the limit message").hasSize(4);
        assertThat(bot.llm().requests()).hasSize(3);
        assertThat(events(bot, "usage.limit_reached")).hasSize(1);
        assertThat(events(bot, "usage.warning")).hasSize(1);
    }

    @Test
    void should_answer_and_tell_the_limit_again_when_the_limit_is_raised() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = atALimitOfOneMessage(bot);

        patchLimits(bot, "{\"monthlyMessages\": 2}");
        chat.says("Third");
        assertThat(chat.awaitReceived(3).getLast()).isEqualTo("Happy to help.");
        chat.says("Fourth");

        assertThat(chat.awaitReceived(4).getLast())
                .as("new limits, told once more")
                .isEqualTo("LIMIT-FALLBACK");
        assertThat(bot.llm().requests()).hasSize(2);
        assertThat(events(bot, "usage.limit_reached"))
                .as("once per limit value")
                .hasSize(2);
    }

    @Test
    void should_answer_again_when_the_billing_period_rolls_over() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = atALimitOfOneMessage(bot);

        // The month ends: this period's rows become last month's.
        for (String table : List.of("usage_periods", "usage_notices")) {
            jdbc.sql("update " + table + " set period_start = (period_start - interval '1 month')::date"
                            + " where organization_id = :org")
                    .param("org", UUID.fromString(bot.organizationId()))
                    .update();
        }
        chat.says("Third");

        assertThat(chat.awaitReceived(3).getLast()).isEqualTo("Happy to help.");
        assertThat(bot.llm().requests()).hasSize(2);
        assertThat(api.get("/api/v1/organizations/" + bot.organizationId() + "/usage")
                        .json()
                        .path("messages")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void should_stop_at_the_cost_budget_when_the_model_has_a_price() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String model = renameModel(bot);
        assertThat(api.put("/api/v1/prices", """
                {"provider": "openai", "model": "%s", "inputPer1k": 1, "outputPer1k": 1}""".formatted(model)).status()).isEqualTo(200);
        bot.llm().replies("Happy to help.");
        patchLimits(bot, "{\"monthlyCostBudget\": 0.04}");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("First");
        chat.awaitReceived(1);
        chat.says("Second");

        assertThat(chat.awaitReceived(2).getLast()).isEqualTo("LIMIT-FALLBACK");
        assertThat(bot.llm().requests()).hasSize(1);
        assertThat(api.get("/api/v1/organizations/" + bot.organizationId() + "/usage")
                        .json()
                        .path("cost")
                        .decimalValue())
                .isEqualByComparingTo("0.049");
        assertThat(events(bot, "usage.limit_reached"))
                .hasSize(1)
                .first()
                .asString()
                .contains("monthlyCostBudget");
        assertThat(events(bot, "usage.unpriced")).isEmpty();
    }

    @Test
    void should_record_an_unpriced_event_once_per_model_when_the_model_has_no_price() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String model = renameModel(bot);
        bot.llm().replies("Happy to help.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("First");
        chat.awaitReceived(1);
        chat.says("Second");
        chat.awaitReceived(2);

        assertThat(events(bot, "usage.unpriced")).hasSize(1).first().asString().contains(model);
        var usage = api.get("/api/v1/organizations/" + bot.organizationId() + "/usage")
                .json();
        assertThat(usage.path("unpriced").asLong()).isEqualTo(2);
        assertThat(usage.path("messages").asLong()).isEqualTo(2);
    }

    @Test
    void should_stop_one_contact_at_its_daily_budget_and_keep_answering_others() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help.");
        patchLimits(bot, "{\"contactDailyMessages\": 1}");
        WhatsAppChat abusive = WhatsAppChat.start(api, bot);
        WhatsAppChat other = WhatsAppChat.start(api, bot);

        abusive.says("One");
        abusive.awaitReceived(1);
        abusive.says("Two");
        assertThat(abusive.awaitReceived(2).getLast()).isEqualTo("LIMIT-FALLBACK");
        other.says("Hello");

        assertThat(other.awaitReceived(1)).containsExactly("Happy to help.");
        assertThat(bot.llm().requests()).hasSize(2);
    }

    @Test
    void should_reply_with_the_too_long_text_and_not_call_the_model_when_a_message_is_over_the_length() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help.");
        patchLimits(bot, "{\"maxMessageLength\": 10}");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("12345678901");
        assertThat(chat.awaitReceived(1).getFirst()).contains("too long").contains("10");
        assertThat(bot.llm().requests()).isEmpty();

        chat.says("😀".repeat(10));
        assertThat(chat.awaitReceived(2).getLast())
                .as("10 code points fit, 20 UTF-16 units")
                .isEqualTo("Happy to help.");
    }

    @Test
    void should_cap_the_chatbots_tool_rounds_when_the_plan_allows_fewer() {
        String plan = "rounds-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/plans/" + plan, "{\"maxToolRounds\": 1, \"maxMessageLength\": 2000}")
                        .status())
                .isEqualTo(200);
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        assertThat(api.put("/api/v1/organizations/" + bot.organizationId() + "/plan", "{\"plan\": \"" + plan + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.patch("/api/v1/chatbots/" + bot.chatbotId(), """
                {"model": {"maxToolRounds": 4}, "fallbackMessages": {"maxRounds": "MAX-ROUNDS"}}""").status())
                .isEqualTo(200);
        bot.llm().replies(LlmFake.toolCall("call_x", "lookup_order", "{\"orderId\":\"A1\"}"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Loop forever");

        assertThat(chat.awaitReceived(1)).containsExactly("MAX-ROUNDS");
        assertThat(bot.llm().requests())
                .as("one round run, the second request's tool call is refused")
                .hasSize(2);
    }

    /** A contact whose first message was answered and whose second got the limit message (limit: 1 a month). */
    private WhatsAppChat atALimitOfOneMessage(Tenants.WhatsAppBot bot) {
        bot.llm().replies("Happy to help.");
        patchLimits(bot, "{\"monthlyMessages\": 1}");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("First");
        chat.awaitReceived(1);
        chat.says("Second");
        assertThat(chat.awaitReceived(2).getLast()).isEqualTo("LIMIT-FALLBACK");
        return chat;
    }

    private void patchLimits(Tenants.WhatsAppBot bot, String json) {
        var response = api.patch("/api/v1/organizations/" + bot.organizationId() + "/limits", json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private String renameModel(Tenants.WhatsAppBot bot) {
        String model = "model-" + UUID.randomUUID();
        assertThat(api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"model\": {\"name\": \"" + model + "\"}}")
                        .status())
                .isEqualTo(200);
        return model;
    }

    private List<String> events(Tenants.WhatsAppBot bot, String type) {
        return jdbc.sql("select payload::text from system_events where organization_id = :org and type = :type")
                .param("org", UUID.fromString(bot.organizationId()))
                .param("type", type)
                .query(String.class)
                .list();
    }

    private void awaitTurns(WhatsAppChat chat, int count) {
        UUID conversation = UUID.fromString(chat.conversationId());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("select count(*) from turns where conversation_id = :id")
                                .param("id", conversation)
                                .query(Integer.class)
                                .single()
                        >= count);
    }
}
