package io.parley.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import org.junit.jupiter.api.Test;

/**
 * The chatbot's engine on a server whose flow engine is off (the default): {@code engine: flow} is refused, so no
 * chatbot claims an engine that does not run yet; {@code engine: external} needs its endpoint; and the reminder
 * template a flow names must exist for a chatbot that sends templates.
 */
@org.springframework.test.context.TestPropertySource(properties = "parley.flows.engine-enabled=false")
class ChatbotEngineIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_refuse_the_flow_engine_with_409_while_it_is_switched_off() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        registerReminder(api, bot);
        new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN)
                .putYaml(bot.chatbotId(), "tattoo_booking", FlowDefinitionsIntegrationTest.tattoo());
        api.post(FlowCalls.path(bot.chatbotId(), "tattoo_booking") + "/publish", "");

        Api.Response refused = api.patch(
                "/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\", \"flowKey\": \"tattoo_booking\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("flow_engine_unavailable");
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId()).text("engine"))
                .isEqualTo("agent");
    }

    @Test
    void should_refuse_the_external_engine_with_409_until_its_endpoint_is_set() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        Api.Response refused = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"external\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("external_engine_not_configured");
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId()).text("engine"))
                .isEqualTo("agent");
    }

    @Test
    void should_refuse_an_unknown_engine_and_a_malformed_flow_key() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        Api.Response engine = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"rules\"}");
        Api.Response key = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"flowKey\": \"Not A Key\"}");

        assertThat(engine.status()).isEqualTo(400);
        assertThat(engine.body()).contains("engine");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.body()).contains("flowKey");
    }

    @Test
    void should_show_engine_and_flow_key_on_the_chatbot() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        Api.Response patched = api.patch(
                "/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"agent\", \"flowKey\": \"tattoo_booking\"}");

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Api.Response read = api.get("/api/v1/chatbots/" + bot.chatbotId());
        assertThat(read.text("engine")).isEqualTo("agent");
        assertThat(read.text("flowKey")).isEqualTo("tattoo_booking");
    }

    @Test
    void should_refuse_a_reminder_template_the_chatbot_does_not_have() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        FlowCalls flows = new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN);

        Api.Response refused =
                flows.putYaml(bot.chatbotId(), "tattoo_booking", FlowDefinitionsIntegrationTest.tattoo());
        registerReminder(api, bot);
        Api.Response accepted =
                flows.putYaml(bot.chatbotId(), "tattoo_booking", FlowDefinitionsIntegrationTest.tattoo());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("flow_invalid");
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("settings.reminder.template");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .contains("booking_reminder");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }

    /** Registers the tattoo flow's reminder template by hand on the bot's WhatsApp channel. */
    static void registerReminder(Api api, Tenants.WhatsAppBot bot) {
        Api.Response template =
                api.post("/api/v1/chatbots/" + bot.chatbotId() + "/templates", """
                {"channelId": "%s", "name": "booking_reminder", "language": "en", "category": "UTILITY",
                 "body": "Hi {{1}}, shall we go on with your booking?"}""".formatted(bot.channelId()));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
    }
}
