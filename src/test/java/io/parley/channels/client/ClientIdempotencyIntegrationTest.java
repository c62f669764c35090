package io.parley.channels.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Request-id idempotency of {@code POST /client/v1/messages}, row by row of seed 000 §2.4's table, plus ten
 * concurrent duplicates and a duplicate sent to another application context on the same database (a restart, or
 * another node).
 */
class ClientIdempotencyIntegrationTest extends IntegrationTestSupport {
    private static final String USER = "{\"externalId\": \"customer-7\"}";

    @Autowired
    private Environment environment;

    @Autowired
    private ClientRequestRetention retention;

    /** Seed 000 §2.4: what the same request id does, by what happened to it before. */
    enum Row {
        FIRST_REQUEST(200, null),
        COMPLETED_DUPLICATE(409, "duplicate_request"),
        DUPLICATE_WHILE_RUNNING(409, "request_in_progress"),
        SAME_ID_OTHER_TEXT(409, "request_id_reused"),
        SAME_ID_OTHER_CONTACT(200, null),
        SAME_ID_AFTER_24_HOURS(200, null),
        SAME_ID_AFTER_RETENTION_SWEEP(200, null);

        final int status;
        final String code;

        Row(int status, String code) {
            this.status = status;
            this.code = code;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Row.class)
    void should_answer_each_row_of_the_idempotency_table(Row row) {
        boolean slow = row == Row.DUPLICATE_WHILE_RUNNING;
        LlmFake llm = LlmFake.create()
                .replies(slow ? LlmFake.ok("First answer.").withFixedDelay(3000) : LlmFake.ok("First answer."));
        ClientBots.Channel channel = ClientBots.connect(api, ClientBots.chatbot(api, llm), llm, "{\"type\": \"api\"}");
        Api client = channel.client(api);
        String requestId = "order-42:" + row.name().toLowerCase();
        String body = ClientBots.message(requestId, "Where is my order?", USER);
        Api.Response first = client.post("/client/v1/messages" + (slow ? "?wait=0" : ""), body);
        assertThat(first.status()).as(first.body()).isEqualTo(slow ? 202 : 200);

        Api.Response again = switch (row) {
            case FIRST_REQUEST -> first;
            case COMPLETED_DUPLICATE, DUPLICATE_WHILE_RUNNING -> client.post("/client/v1/messages", body);
            case SAME_ID_OTHER_TEXT ->
                client.post("/client/v1/messages", ClientBots.message(requestId, "Cancel my order", USER));
            case SAME_ID_OTHER_CONTACT ->
                client.post(
                        "/client/v1/messages",
                        ClientBots.message(requestId, "Where is my order?", "{\"externalId\": \"customer-8\"}"));
            case SAME_ID_AFTER_24_HOURS -> {
                ageRequests(channel, Duration.ofHours(25));
                yield client.post("/client/v1/messages", body);
            }
            case SAME_ID_AFTER_RETENTION_SWEEP -> {
                ageRequests(channel, Duration.ofHours(25));
                assertThat(retention.sweep()).isGreaterThanOrEqualTo(1);
                assertThat(requestRows(channel)).isZero();
                yield client.post("/client/v1/messages", body);
            }
        };

        assertThat(again.status()).as(again.body()).isEqualTo(row.status);
        if (row.code != null) {
            assertThat(again.text("code")).isEqualTo(row.code);
            assertThat(again.text("requestId")).isEqualTo(requestId);
        }
        switch (row) {
            case COMPLETED_DUPLICATE -> {
                assertThat(again.json().path("original")).isEqualTo(first.json());
                assertThat(llm.requests()).hasSize(1);
            }
            case DUPLICATE_WHILE_RUNNING -> {
                assertThat(again.json().path("retryAfterMs").asLong()).isPositive();
                assertThat(again.raw().headers().firstValue("Retry-After")).contains("1");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    Api.Response later = client.post("/client/v1/messages", body);
                    assertThat(later.text("code")).isEqualTo("duplicate_request");
                    assertThat(later.json()
                                    .path("original")
                                    .path("replies")
                                    .get(0)
                                    .path("text")
                                    .asString())
                            .isEqualTo("First answer.");
                });
                assertThat(llm.requests()).hasSize(1);
            }
            case SAME_ID_OTHER_CONTACT -> assertThat(again.text("contactId")).isNotEqualTo(first.text("contactId"));
            case SAME_ID_AFTER_24_HOURS, SAME_ID_AFTER_RETENTION_SWEEP ->
                assertThat(llm.requests()).hasSize(2);
            default -> {}
        }
    }

    @Test
    void should_run_one_turn_with_one_reply_when_ten_identical_requests_arrive_at_once() throws Exception {
        LlmFake llm = LlmFake.create().replies(LlmFake.ok("Only once.").withFixedDelay(500));
        ClientBots.Channel channel = ClientBots.connect(api, ClientBots.chatbot(api, llm), llm, "{\"type\": \"app\"}");
        Api client = channel.client(api);
        String body = ClientBots.message("burst-1", "Hello?", "{\"deviceId\": \"phone-1\"}");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return client.post("/client/v1/messages?wait=30", body);
                }));
            }
            start.countDown();
            List<Api.Response> answered = new ArrayList<>();
            for (Future<Api.Response> response : responses) {
                answered.add(response.get());
            }
            assertThat(answered).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(answered)
                    .filteredOn(r -> r.status() == 409)
                    .hasSize(9)
                    .allSatisfy(r -> assertThat(r.text("code")).isIn("request_in_progress", "duplicate_request"));
            String conversation = answered.stream()
                    .filter(r -> r.status() == 200)
                    .findFirst()
                    .orElseThrow()
                    .text("conversationId");
            assertThat(messages(conversation, "user")).isEqualTo(1);
            assertThat(messages(conversation, "assistant")).isEqualTo(1);
            assertThat(llm.requests()).hasSize(1);
        }
    }

    @Test
    void should_answer_duplicates_and_stream_from_another_application_context_on_the_same_database() throws Exception {
        LlmFake llm = LlmFake.create()
                .repliesInSequence(
                        LlmFake.ok("Answered before the restart."),
                        LlmFake.ok("Slow answer.").withFixedDelay(3000));
        ClientBots.Channel channel = ClientBots.connect(
                api,
                ClientBots.chatbot(api, llm),
                llm,
                "{\"type\": \"web\", \"allowedOrigins\": [\"https://shop.example\"]}");
        String body = ClientBots.message("restart-1", "Hi", "{\"deviceId\": \"browser-9\"}");
        Api.Response first = channel.client(api).post("/client/v1/messages", body);
        assertThat(first.status()).as(first.body()).isEqualTo(200);

        try (ConfigurableApplicationContext restarted = anotherContext()) {
            int port = ((WebServerApplicationContext) restarted).getWebServer().getPort();
            Api other = Api.at(port).withToken(channel.key());
            Api.Response duplicate = other.post("/client/v1/messages", body);
            assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
            assertThat(duplicate.text("code")).isEqualTo("duplicate_request");
            JsonNode original = duplicate.json().path("original");
            assertThat(original).isEqualTo(first.json());
            assertThat(other.getWithHeaders(
                                    "/client/v1/conversations/" + first.text("conversationId") + "/messages",
                                    "X-Conversation-Token",
                                    first.text("conversationToken"))
                            .status())
                    .as("the conversation token holds on every node")
                    .isEqualTo(200);

            // Still running on one node: the other says so, then answers with the first answer once it is there.
            String slow = ClientBots.message("restart-2", "And now?", "{\"deviceId\": \"browser-9\"}");
            assertThat(channel.client(api)
                            .post("/client/v1/messages?wait=0", slow)
                            .status())
                    .isEqualTo(202);
            Api.Response running = other.post("/client/v1/messages", slow);
            assertThat(running.text("code")).as(running.body()).isEqualTo("request_in_progress");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Api.Response done = other.post("/client/v1/messages", slow);
                assertThat(done.text("code")).isEqualTo("duplicate_request");
                assertThat(done.json()
                                .path("original")
                                .path("replies")
                                .get(0)
                                .path("text")
                                .asString())
                        .isEqualTo("Slow answer.");
            });

            // A human agent answers through this node; a visitor streaming from the other node sees it.
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            var stream = java.net.http.HttpClient.newHttpClient()
                    .sendAsync(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://localhost:" + port + "/client/v1/conversations/"
                                                    + first.text("conversationId") + "/events?key=" + channel.key()
                                                    + "&conversationToken=" + first.text("conversationToken")))
                                    .GET()
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofLines());
            var reading = stream.thenAcceptAsync(r -> r.body().forEach(received::add));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(l -> l.startsWith("retry:")));
            assertThat(api.post(
                                    "/api/v1/conversations/" + first.text("conversationId") + "/messages",
                                    "{\"text\": \"Agent on node one.\"}")
                            .status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> received.stream().anyMatch(l -> l.contains("Agent on node one.")));
            reading.cancel(true);
            stream.join().body().close();
        }
        assertThat(llm.requests()).hasSize(2);
    }

    private void ageRequests(ClientBots.Channel channel, Duration by) {
        jdbc.sql(
                        "update client_requests set created_at = created_at - cast(:age as interval) where channel_account_id = :c")
                .param("age", by.toSeconds() + " seconds")
                .param("c", UUID.fromString(channel.channelId()))
                .update();
    }

    private int requestRows(ClientBots.Channel channel) {
        return jdbc.sql("select count(*) from client_requests where channel_account_id = :c")
                .param("c", UUID.fromString(channel.channelId()))
                .query(Integer.class)
                .single();
    }

    private int messages(String conversation, String role) {
        return jdbc.sql("select count(*) from messages where conversation_id = :c and role = :r")
                .param("c", UUID.fromString(conversation))
                .param("r", role)
                .query(Integer.class)
                .single();
    }

    /** A second Parley on this test's database: what a restarted (or another) node sees. */
    private ConfigurableApplicationContext anotherContext() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        for (String name : List.of(
                "parley.db.url",
                "parley.master-key",
                "parley.admin-token",
                "parley.whatsapp.graph-url",
                "db-scheduler.polling-interval",
                "parley.db.pool-size",
                "parley.egress.allow",
                "parley.conversation.debounce")) {
            properties.put(name, environment.getProperty(name));
        }
        properties.put("server.port", "0");
        properties.put("parley.demo.enabled", "false");
        properties.put(
                "parley.data-dir", Files.createTempDirectory("parley-restarted").toString());
        return new SpringApplicationBuilder(io.parley.ParleyApplication.class)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }
}
