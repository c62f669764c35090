package io.parley.channels.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An api channel's backend gets what it did not get in a response (a human agent's reply, a bot reply after the
 * request stopped waiting) as a signed callback through the delivery bus, retried when its server fails.
 */
class ApiCallbackIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_post_a_signed_callback_for_a_human_agents_reply_and_retry_when_the_receiver_fails() throws Exception {
        String path = "/callbacks/" + UUID.randomUUID();
        String scenario = "callback-" + path;
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(path))
                        .inScenario(scenario)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("recovered")
                        .willReturn(aResponse().withStatus(503)));
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(path))
                        .inScenario(scenario)
                        .whenScenarioStateIs("recovered")
                        .willReturn(aResponse().withStatus(204)));
        ClientBots.Channel channel = ClientBots.api(api, "I will ask a colleague.", Fakes.baseUrl() + path);

        Api.Response first = channel.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message(
                                "cb-1",
                                "I need a person",
                                "{\"externalId\": \"crm-1\", \"phone\": \"+4915112345678\"}"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().has("conversationToken"))
                .as("api callers need no conversation token")
                .isFalse();
        String conversation = first.text("conversationId");
        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\": \"Hi, Sam here.\"}")
                        .status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> received(path).size() >= 2);
        List<LoggedRequest> calls = received(path);
        LoggedRequest delivered = calls.getLast();
        assertThat(calls.getFirst().getHeader("X-Parley-Delivery"))
                .as("the retry is the same delivery")
                .isEqualTo(delivered.getHeader("X-Parley-Delivery"));
        String signature = delivered.getHeader("X-Parley-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        String timestamp = signature.substring(2, signature.indexOf(','));
        assertThat(signature.substring(signature.indexOf("v1=") + 3))
                .isEqualTo(ClientMessagesIntegrationTest.hmac(
                        channel.signingSecret(), timestamp + "." + delivered.getBodyAsString()));
        JsonNode body = Api.json().readTree(delivered.getBodyAsString());
        assertThat(body.path("text").asString()).isEqualTo("Hi, Sam here.");
        assertThat(body.path("conversationId").asString()).isEqualTo(conversation);
        assertThat(body.path("contactId").asString()).isEqualTo(first.text("contactId"));
        assertThat(delivered.getHeader("X-Parley-Delivery"))
                .isEqualTo(body.path("deliveryId").asString());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "sent"
                        .equals(jdbc.sql("""
                        select o.status from outbound_messages o join messages m on m.id = o.message_id
                        where m.conversation_id = :c and m.role = 'agent'""")
                                .param("c", UUID.fromString(conversation))
                                .query(String.class)
                                .single()));
        assertThat(calls)
                .as("the bot's reply came in the response, not as a callback")
                .noneMatch(r -> r.getBodyAsString().contains("I will ask a colleague."));
    }

    @Test
    void should_post_a_bot_reply_as_a_callback_when_the_request_stopped_waiting() {
        String path = "/callbacks/" + UUID.randomUUID();
        Fakes.wiremock().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        LlmFake llm =
                LlmFake.create().replies(LlmFake.ok("Here is the slow answer.").withFixedDelay(1500));
        ClientBots.Channel channel = ClientBots.connect(
                api,
                ClientBots.chatbot(api, llm),
                llm,
                "{\"type\": \"api\", \"callbackUrl\": \"" + Fakes.baseUrl() + path + "\"}");
        Api.Response accepted = channel.client(api)
                .post(
                        "/client/v1/messages?wait=0",
                        ClientBots.message("slow-1", "Question", "{\"externalId\": \"crm-2\"}"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.raw().headers().firstValue("Location").orElse(""))
                .contains(accepted.text("conversationId"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> received(path).stream()
                        .anyMatch(r -> r.getBodyAsString().contains("Here is the slow answer.")));
    }

    @Test
    void should_refuse_a_callback_url_the_egress_policy_refuses() {
        LlmFake llm = LlmFake.create().replies("x");
        String bot = ClientBots.chatbot(api, llm);
        Api.Response refused = api.post(
                "/api/v1/chatbots/" + bot + "/channels",
                "{\"type\": \"api\", \"callbackUrl\": \"http://10.0.0.1/hook\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("egress_refused");
    }

    private static List<LoggedRequest> received(String path) {
        return Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(path)));
    }
}
