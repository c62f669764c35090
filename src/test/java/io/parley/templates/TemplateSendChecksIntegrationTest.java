package io.parley.templates;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A template send is checked against the channel account's registry before anything is stored: registered means
 * approved and the body's parameter count; a template Parley does not know goes out as given (Meta decides).
 */
class TemplateSendChecksIntegrationTest extends IntegrationTestSupport {

    private Tenants.WhatsAppBot botWithTemplates() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        register(bot, "spring_promo", "Hi {{1}}, our spring sale started.", "pending");
        register(bot, "order_ready", "Order {{1}} is ready at {{2}}.", "approved");
        return bot;
    }

    private void register(Tenants.WhatsAppBot bot, String name, String body, String status) {
        Api.Response response =
                api.post("/api/v1/chatbots/" + bot.chatbotId() + "/templates", """
                {"name": "%s", "language": "en_US", "category": "utility", "body": "%s", "status": "%s"}""".formatted(name, body, status));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static String template(String name, String... parameters) {
        return "{\"name\": \"" + name + "\", \"language\": \"en_US\", \"parameters\": ["
                + String.join(
                        ",",
                        java.util.Arrays.stream(parameters)
                                .map(p -> "\"" + p + "\"")
                                .toList()) + "]}";
    }

    private Api.Response agentSend(WhatsAppChat chat, String template) {
        return api.post(
                "/api/v1/conversations/" + chat.conversationId() + "/messages", "{\"template\": " + template + "}");
    }

    private int agentMessages(WhatsAppChat chat) {
        return jdbc.sql("select count(*) from messages where conversation_id = cast(:c as uuid) and role = 'agent'")
                .param("c", chat.conversationId())
                .query(Integer.class)
                .single();
    }

    @Test
    void should_reject_an_agent_template_that_is_not_approved_or_gets_the_wrong_parameter_count() {
        Tenants.WhatsAppBot bot = botWithTemplates();
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");

        assertProblem(agentSend(chat, template("spring_promo", "Ana")), 400, "template_not_approved");
        assertProblem(agentSend(chat, template("order_ready", "A-17")), 400, "template_parameters_mismatch");
        assertProblem(
                agentSend(chat, template("order_ready", "A-17", "the desk", "extra")),
                400,
                "template_parameters_mismatch");

        assertThat(agentMessages(chat)).as("nothing stored").isZero();
        assertThat(GraphFake.sendsOfType(bot.phoneNumberId(), "template")).isEmpty();
    }

    @Test
    void should_send_an_agent_template_when_registered_and_approved_with_its_parameters_or_not_registered() {
        Tenants.WhatsAppBot bot = botWithTemplates();
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");

        Api.Response registered = agentSend(chat, template("order_ready", "A-17", "the desk"));
        Api.Response unknown = agentSend(chat, template("not_in_registry", "x", "y", "z"));

        assertThat(registered.status()).as(registered.body()).isEqualTo(202);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        GraphFake.sendsOfType(bot.phoneNumberId(), "template").size() == 2);
        assertThat(GraphFake.sendsOfType(bot.phoneNumberId(), "template"))
                .extracting(r -> Api.json()
                        .readTree(r.getBodyAsString())
                        .path("template")
                        .path("name")
                        .asString())
                .containsExactlyInAnyOrder("order_ready", "not_in_registry");
    }

    @Test
    void should_reject_a_broadcast_template_that_is_not_approved_or_mismatched_and_store_nothing() {
        Tenants.WhatsAppBot bot = botWithTemplates();
        String path = "/api/v1/chatbots/" + bot.chatbotId() + "/broadcasts";
        String contacts =
                "\"contacts\": [\"+4915" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L) + "\"]";

        assertProblem(
                api.post(path, "{" + contacts + ", \"template\": " + template("spring_promo", "Ana") + "}"),
                400,
                "template_not_approved");
        assertProblem(
                api.post(path, "{" + contacts + ", \"template\": " + template("order_ready") + "}"),
                400,
                "template_parameters_mismatch");

        assertThat(jdbc.sql("select count(*) from broadcasts where chatbot_id = cast(:b as uuid)")
                        .param("b", bot.chatbotId())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from contacts where chatbot_id = cast(:b as uuid)")
                        .param("b", bot.chatbotId())
                        .query(Integer.class)
                        .single())
                .isZero();
        Api.Response approved =
                api.post(path, "{" + contacts + ", \"template\": " + template("order_ready", "A-17", "the desk") + "}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(202);
        assertThat(approved.json().path("queued").asInt()).isEqualTo(1);
    }

    @Test
    void should_reject_a_campaign_template_that_is_not_approved_or_mismatched_and_create_no_campaign() {
        Tenants.WhatsAppBot bot = botWithTemplates();
        String path = "/api/v1/chatbots/" + bot.chatbotId() + "/campaigns";

        assertProblem(
                api.post(
                        path,
                        "{\"name\": \"Spring\", \"tag\": \"vip\", \"template\": " + template("spring_promo", "Ana")
                                + "}"),
                400,
                "template_not_approved");
        assertProblem(
                api.post(
                        path,
                        "{\"name\": \"Ready\", \"tag\": \"vip\", \"template\": " + template("order_ready", "A-17")
                                + "}"),
                400,
                "template_parameters_mismatch");

        assertThat(jdbc.sql("select count(*) from campaigns where chatbot_id = cast(:b as uuid)")
                        .param("b", bot.chatbotId())
                        .query(Integer.class)
                        .single())
                .isZero();
        Api.Response approved = api.post(
                path,
                "{\"name\": \"Ready\", \"tag\": \"vip\", \"template\": " + template("order_ready", "A-17", "the desk")
                        + "}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(202);
    }
}
