package io.parley.dashboard;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxIntegrationTest extends IntegrationTestSupport {
    private static final String PARLEY_ANSWER = "Parley is an open-source, self-hosted messaging platform";

    String demoBot;

    @BeforeEach
    void setUp() {
        demoBot = jdbc.sql("""
                        select b.id::text from chatbots b join organizations o on o.id = b.organization_id
                        where o.slug = 'demo' order by b.created_at limit 1""").query(String.class).optional().orElse(null);
    }

    @Test
    void should_serve_the_sandbox_page_with_the_widget_script_without_a_token() {
        Api.Response page = api.withToken(null).get("/sandbox");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/html");
        assertThat(page.body())
                .contains(
                        "<form id=\"sign-in-form\">",
                        "<button id=\"connect-web\"",
                        "<script src=\"/widget.js\">",
                        "<script src=\"/sandbox/sandbox.js\">",
                        "href=\"/sandbox/sandbox.css\"");
    }

    @Test
    void should_forbid_framing_and_foreign_or_inline_code_on_served_pages() {
        for (String path : List.of("/sandbox", "/")) {
            Api.Response page = api.withToken(null).get(path);

            String policy =
                    page.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy)
                    .as(path)
                    .contains("frame-ancestors 'none'", "default-src 'self'", "script-src 'self'", "object-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(page.raw().headers().firstValue("X-Frame-Options"))
                    .as(path)
                    .hasValue("DENY");
            assertThat(page.raw().headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
        }
        assertThat(api.get("/api/v1/plans").raw().headers().firstValue("Content-Security-Policy"))
                .get()
                .asString()
                .as("API answers load nothing")
                .contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(api.withToken(null).get("/sandbox").body())
                .as("no inline script or style for the policy to block")
                .doesNotContain("<style", "style=\"", "onclick", "<script>");
    }

    @Test
    void should_serve_the_sandbox_script_and_stylesheet() {
        Api.Response script = api.withToken(null).get("/sandbox/sandbox.js");
        Api.Response style = api.withToken(null).get("/sandbox/sandbox.css");

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.raw().headers().firstValue("Content-Type"))
                .get()
                .asString()
                .contains("javascript");
        assertThat(script.body())
                .as("the sandbox embeds the widget")
                .contains("Parley.boot", "/channels", "type: 'web'");
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.raw().headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/css");
        assertThat(style.body()).isNotBlank();
        assertThat(api.withToken(null).get("/sandbox/missing.js").status()).isEqualTo(404);
    }

    @Test
    void should_redirect_the_root_to_the_sandbox() {
        Api.Response root = api.withToken(null).get("/");

        assertThat(root.status()).isEqualTo(302);
        assertThat(root.raw().headers().firstValue("Location")).get().asString().endsWith("/sandbox");
    }

    @Test
    void should_have_created_the_demo_organization_and_chatbot_at_start_up() {
        assertThat(demoBot).as("demo chatbot").isNotNull();
        String demoOrg = jdbc.sql("select id::text from organizations where slug = 'demo'")
                .query(String.class)
                .single();

        JsonNode chatbots =
                api.get("/api/v1/organizations/" + demoOrg + "/chatbots").json();

        assertThat(chatbots.findValuesAsString("name")).containsExactly("Parley Demo", "Ink & Needle Studio");
        assertThat(chatbots.get(0).path("id").asString()).isEqualTo(demoBot);
        assertThat(chatbots.get(0).path("name").asString()).isEqualTo("Parley Demo");
        assertThat(chatbots.get(0).path("model").path("provider").asString()).isEqualTo("offline");
        assertThat(chatbots.get(0).path("faq").findValuesAsString("question")).contains("What is Parley?");
    }

    @Test
    void should_answer_from_the_demo_faq_through_the_turn_pipeline_when_a_web_chat_message_arrives() {
        Api.Response accepted = send(demoBot, "sandbox-" + UUID.randomUUID(), null, "What is Parley?");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("duplicate").asBoolean()).isFalse();
        String conversation = accepted.text("conversationId");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode messages = api.get("/api/v1/conversations/" + conversation + "/messages")
                    .json();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
            assertThat(messages.get(0).path("id").asString()).isEqualTo(accepted.text("messageId"));
            assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
            assertThat(messages.get(1).path("content").asString()).startsWith(PARLEY_ANSWER);
            assertThat(messages.get(1).path("delivery").path("status").asString())
                    .isEqualTo("sent");
        });
        JsonNode summary = api.get("/api/v1/conversations/" + conversation).json();
        assertThat(summary.path("channel").asString()).isEqualTo("webchat");
        assertThat(summary.path("chatbotId").asString()).isEqualTo(demoBot);
        assertThat(jdbc.sql("select outcome from turns where conversation_id = :id")
                        .param("id", UUID.fromString(conversation))
                        .query(String.class)
                        .list())
                .containsExactly("answered");
    }

    @Test
    void should_answer_from_the_bundled_handbook_offline_and_cite_it_when_the_faq_has_no_answer() {
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.sql("""
                        select count(*) from knowledge_sources where chatbot_id = cast(:bot as uuid) and status = 'synced'""").param("bot", demoBot).query(Integer.class).single() > 0);

        Api.Response accepted =
                send(demoBot, "sandbox-" + UUID.randomUUID(), null, "How long does shipping to Spain take?");

        String conversation = accepted.text("conversationId");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode messages = api.get("/api/v1/conversations/" + conversation + "/messages")
                    .json();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(1).path("content").asString())
                    .contains("Spain, France and Germany: 2 to 4 working days")
                    .contains("Parley Demo Shop handbook");
        });
    }

    @Test
    void should_run_the_tattoo_flow_for_a_widget_visitor_of_ink_and_needle_with_no_model_or_payment_key() {
        String ink = jdbc.sql("""
                        select b.id::text from chatbots b join organizations o on o.id = b.organization_id
                        where o.slug = 'demo' and b.name = 'Ink & Needle Studio'""").query(String.class).single();
        assertThat(jdbc.sql("select count(*) from stripe_integrations i join chatbots b"
                                + " on b.organization_id = i.organization_id where b.id = cast(:bot as uuid)")
                        .param("bot", ink)
                        .query(Long.class)
                        .single())
                .as("the demo has no Stripe account")
                .isZero();
        String origin = "http://localhost:" + port;
        // What the sandbox's "Connect a web channel" sends; the widget then talks to /client/v1 with the public key.
        Api.Response channel = api.post("/api/v1/chatbots/" + ink + "/channels", """
                {"type": "web", "name": "Website", "allowedOrigins": ["%s"], "acceptGuests": true}""".formatted(origin));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        Api widget = api.withToken(channel.text("key"));
        String visitor = "{\"deviceId\": \"device-" + UUID.randomUUID() + "\", \"name\": \"Ana Ruiz\"}";

        Api.Response hello =
                widget.post("/client/v1/messages", widgetMessage("Hi, I'd like a tattoo", visitor), "Origin", origin);
        Api.Response size = widget.post("/client/v1/messages", widgetMessage("10x15cm", visitor), "Origin", origin);

        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.json().path("replies").findValuesAsString("text"))
                .containsExactly(
                        "Hi Ana! A few quick questions, one at a time.", "Size? Width x height in cm, e.g. 10x15cm.");
        assertThat(size.status()).as(size.body()).isEqualTo(200);
        assertThat(size.text("conversationId")).isEqualTo(hello.text("conversationId"));
        // The web channel sends buttons as their text rendering; the widget shows it as the bot's message.
        assertThat(size.json().path("replies").findValuesAsString("text"))
                .containsExactly("Which style?\n[buttons: Realism | Fine line | Traditional]");
    }

    private static String widgetMessage(String text, String user) {
        return """
                {"requestId": "%s", "text": %s, "user": %s}""".formatted(UUID.randomUUID(), Api.json().writeValueAsString(text), user);
    }

    @Test
    void should_reject_web_chat_messages_naming_the_field_when_they_are_invalid() {
        String session = "sandbox-" + UUID.randomUUID();

        assertInvalidField(send(demoBot, session, null, "   "), "text");
        assertInvalidField(api.post(path(demoBot), "{\"sessionId\": \"" + session + "\"}"), "text");
        assertInvalidField(send(demoBot, session, null, "x".repeat(4097)), "text");
        assertInvalidField(send(demoBot, "has spaces", null, "hi"), "sessionId");
        assertInvalidField(send(demoBot, "s".repeat(129), null, "hi"), "sessionId");
        assertInvalidField(api.post(path(demoBot), "{\"text\": \"hi\"}"), "sessionId");
        assertInvalidField(send(demoBot, session, "no/slashes", "hi"), "clientMessageId");
        assertProblem(api.post(path(demoBot), "{\"sessionId\": "), 400, "malformed_request");
        assertThat(jdbc.sql("select count(*) from contact_identities where value = :session")
                        .param("session", session)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(send(demoBot, session, null, "é".repeat(4096)).status()).isEqualTo(202);
    }

    @Test
    void should_store_a_message_once_when_the_same_client_message_id_is_sent_twice() {
        String session = "sandbox-" + UUID.randomUUID();
        String clientMessageId = UUID.randomUUID().toString();

        Api.Response first = send(demoBot, session, clientMessageId, "Hello");
        Api.Response second = send(demoBot, session, clientMessageId, "Hello");

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("duplicate").asBoolean()).isFalse();
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("duplicate").asBoolean()).isTrue();
        String conversation = first.text("conversationId");
        assertThat(jdbc.sql("select count(*) from messages where conversation_id = :id and role = 'user'")
                        .param("id", UUID.fromString(conversation))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(api.get("/api/v1/conversations/" + conversation + "/messages")
                                .json()
                                .findValuesAsString("role"))
                        .containsExactly("user", "assistant"));
    }

    @Test
    void should_store_both_messages_when_two_visitors_use_the_same_client_message_id() {
        Api.Response first = send(demoBot, "sandbox-" + UUID.randomUUID(), "msg-1", "Hello");
        Api.Response second = send(demoBot, "sandbox-" + UUID.randomUUID(), "msg-1", "What is Parley?");

        assertThat(first.json().path("duplicate").asBoolean()).isFalse();
        assertThat(second.json().path("duplicate").asBoolean())
                .as(second.body())
                .isFalse();
        assertThat(second.text("conversationId")).isNotEqualTo(first.text("conversationId"));
        assertThat(api.get("/api/v1/conversations/" + second.text("conversationId") + "/messages")
                        .json()
                        .get(0)
                        .path("content")
                        .asString())
                .isEqualTo("What is Parley?");
    }

    private Api.Response send(String bot, String sessionId, String clientMessageId, String text) {
        String body = Api.json()
                .writeValueAsString(
                        clientMessageId == null
                                ? Map.of("sessionId", sessionId, "text", text)
                                : Map.of("sessionId", sessionId, "clientMessageId", clientMessageId, "text", text));
        return api.post(path(bot), body);
    }

    private static String path(String bot) {
        return "/api/v1/chatbots/" + bot + "/webchat/messages";
    }
}
