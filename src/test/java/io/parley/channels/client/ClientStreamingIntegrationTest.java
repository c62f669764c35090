package io.parley.channels.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.OpenAiStreams;
import io.parley.testing.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code delta} events: the bot's answer streamed to a {@code text/event-stream} client of
 * {@code POST /client/v1/messages} while the provider streams it, through PostgreSQL {@code NOTIFY} (ADR 36).
 */
class ClientStreamingIntegrationTest extends IntegrationTestSupport {
    private static final String ORIGIN = "https://stream.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void should_stream_deltas_that_add_up_to_the_message_when_the_provider_streams() throws Exception {
        LlmFake llm = LlmFake.create().streams("We open", " at 9", " on weekdays", " and 10 on Saturdays.");
        ClientBots.Channel web = web(
                llm,
                "{\"provider\": \"openai\", \"name\": \"gpt-4o-mini\", \"baseUrl\": \"%s\","
                        + " \"apiKey\": \"%s\", \"timeoutSeconds\": 20}");

        List<Event> events = post(web, "d-1", "When do you open?");

        assertThat(names(events)).containsExactly("accepted", "delta", "delta", "delta", "delta", "message", "done");
        assertThat(deltaText(events)).isEqualTo("We open at 9 on weekdays and 10 on Saturdays.");
        assertThat(message(events)).isEqualTo(deltaText(events));
        assertThat(storedReplies(events)).containsExactly("We open at 9 on weekdays and 10 on Saturdays.");
    }

    @Test
    void should_send_no_delta_when_the_model_does_not_stream() throws Exception {
        ClientBots.Channel web = web(null, "{\"provider\": \"offline\"}");

        List<Event> events = post(web, "o-1", "What are your opening hours?");

        assertThat(names(events)).containsExactly("accepted", "message", "done");
        assertThat(message(events)).contains("9 to 5");
    }

    @Test
    void should_send_the_fallback_once_when_the_provider_fails_mid_stream() throws Exception {
        LlmFake llm = LlmFake.create()
                .replies(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody("""
                        data: {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini", "choices": [{"index": 0, "delta": {"content": "Let me"}, "finish_reason": null}]}

                        data: {"error": {"message": "The server had an error", "type": "server_error"}}

                        """));
        ClientBots.Channel web = web(
                llm,
                "{\"provider\": \"openai\", \"name\": \"gpt-4o-mini\", \"baseUrl\": \"%s\","
                        + " \"apiKey\": \"%s\", \"timeoutSeconds\": 20}");

        List<Event> events = post(web, "e-1", "Hello?");

        assertThat(names(events))
                .containsSubsequence("accepted", "message", "done")
                .doesNotContain("error");
        assertThat(message(events)).isEqualTo("ERROR-FALLBACK");
        assertThat(storedReplies(events)).containsExactly("ERROR-FALLBACK");
    }

    @Test
    void should_stream_only_the_answer_round_when_the_model_calls_a_tool_first() throws Exception {
        LlmFake llm = LlmFake.create();
        llm.repliesInSequence(
                OpenAiStreams.toolCall("call_1", "get_lead", "{}"),
                OpenAiStreams.text("I have", " no lead", " for you yet."));
        ClientBots.Channel web = web(
                llm,
                "{\"provider\": \"openai\", \"name\": \"gpt-4o-mini\", \"baseUrl\": \"%s\","
                        + " \"apiKey\": \"%s\", \"timeoutSeconds\": 20}");
        Api.Response enabled =
                api.put("/api/v1/chatbots/" + web.chatbotId() + "/tools", "{\"builtins\": [\"get_lead\"]}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);

        List<Event> events = post(web, "t-1", "Do you have my details?");

        assertThat(names(events)).containsExactly("accepted", "delta", "delta", "delta", "message", "done");
        assertThat(deltaText(events)).isEqualTo("I have no lead for you yet.").isEqualTo(message(events));
        assertThat(llm.requests()).hasSize(2);
        assertThat(llm.requests().get(1).getBodyAsString()).contains("call_1").contains("\"stream\"");
        String conversation = events.getFirst().data().path("conversationId").asString();
        JsonNode executions = api.get("/api/v1/conversations/" + conversation + "/tool-executions")
                .json();
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0).path("tool").asString()).isEqualTo("get_lead");
    }

    private ClientBots.Channel web(LlmFake llm, String modelTemplate) {
        String org = Tenants.organization(api, "Streaming org " + UUID.randomUUID());
        String model = llm == null ? modelTemplate : modelTemplate.formatted(llm.baseUrl(), llm.apiKey());
        Api.Response bot = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Shop", "systemPrompt": "You are a helpful assistant.",
                 "fallbackMessages": {"error": "ERROR-FALLBACK", "limit": "LIMIT-FALLBACK", "unknown": "UNKNOWN-FALLBACK"},
                 "faq": [{"question": "What are your opening hours?", "answer": "We are open 9 to 5."}],
                 "model": %s}""".formatted(model));
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        return ClientBots.connect(api, bot.text("id"), llm, """
                {"type": "web", "name": "Website", "allowedOrigins": ["%s"], "acceptGuests": true}""".formatted(ORIGIN));
    }

    private List<Event> post(ClientBots.Channel web, String requestId, String text) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/client/v1/messages"))
                        .header("Authorization", "Bearer " + web.key())
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .header("Origin", ORIGIN)
                        .timeout(Duration.ofSeconds(40))
                        .POST(HttpRequest.BodyPublishers.ofString(ClientBots.message(
                                requestId + "-" + UUID.randomUUID(),
                                text,
                                "{\"deviceId\": \"" + UUID.randomUUID() + "\"}")))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : response.body().toList()) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ") && name != null) {
                events.add(new Event(name, Api.json().readTree(line.substring(6))));
                name = null;
            }
        }
        return events;
    }

    private List<String> storedReplies(List<Event> events) {
        String conversation = events.getFirst().data().path("conversationId").asString();
        return jdbc.sql("select content from messages where conversation_id = :id and role = 'assistant'")
                .param("id", UUID.fromString(conversation))
                .query(String.class)
                .list();
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    private static String deltaText(List<Event> events) {
        return String.join(
                "",
                events.stream()
                        .filter(e -> e.name().equals("delta"))
                        .map(e -> e.data().path("text").asString())
                        .toList());
    }

    private static String message(List<Event> events) {
        return events.stream()
                .filter(e -> e.name().equals("message"))
                .map(e -> e.data().path("text").asString())
                .findFirst()
                .orElseThrow();
    }

    record Event(String name, JsonNode data) {}
}
