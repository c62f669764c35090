package io.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LogLines;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Observability of the path (issue 12, item 11): one access line per request with the route pattern and no query
 * or ids, {@code X-Request-ID} echoed, and a customer message's trace id carried into its turn and its delivery.
 */
class RequestTracingIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ =
            "[{\"question\": \"What are your opening hours?\", \"answer\": \"Nine to five.\"}]";

    @Test
    void should_echo_the_callers_request_id_when_it_is_safe_and_make_one_up_when_it_is_not() {
        assertThat(requestId(api.getWithHeaders("/api/v1/organizations", "X-Request-ID", "req_42:retry-1")))
                .isEqualTo("req_42:retry-1");

        for (String unsafe : List.of("has space", "x".repeat(129), "quote\"", "ünïcode")) {
            String echoed = requestId(api.getWithHeaders("/api/v1/organizations", "X-Request-ID", unsafe));
            assertThat(echoed).as(unsafe).isNotEqualTo(unsafe).matches("[0-9a-f-]{36}");
        }
        assertThat(requestId(api.get("/api/v1/organizations"))).matches("[0-9a-f-]{36}");
    }

    @Test
    void should_write_one_access_line_with_the_route_pattern_and_no_query_when_a_request_ends() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String traceId = LogContext.newTraceId();
        try (LogLines access = LogLines.capture("parley.access")) {
            Api.Response response = api.getWithHeaders(
                    "/api/v1/chatbots/" + bot.chatbotId() + "?token=s3cret",
                    "X-Trace-Id",
                    traceId,
                    "X-Request-ID",
                    "req-" + traceId);
            assertThat(response.status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !access.withTraceId(traceId).isEmpty());
            LogLines.Line line = access.withTraceId(traceId).getFirst();
            assertThat(access.withTraceId(traceId)).hasSize(1);
            assertThat(line.values())
                    .containsEntry("method", "GET")
                    .containsEntry("route", "/api/v1/chatbots/{botId}")
                    .containsEntry("status", 200)
                    .containsKey("durationMs");
            assertThat(line.context()).containsEntry("requestId", "req-" + traceId);
            assertThat(line.message() + line.values())
                    .doesNotContain(bot.chatbotId())
                    .doesNotContain("s3cret");
        }
    }

    @Test
    void should_name_a_refused_request_by_its_masked_path_when_no_route_matched_it() {
        String traceId = LogContext.newTraceId();
        try (LogLines access = LogLines.capture("parley.access")) {
            Api.Response refused = api.withToken(null)
                    .getWithHeaders(
                            "/api/v1/chatbots/" + UUID.randomUUID() + "/conversations?phone=15551234567",
                            "X-Trace-Id",
                            traceId);
            assertThat(refused.status()).isEqualTo(401);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !access.withTraceId(traceId).isEmpty());
            assertThat(access.withTraceId(traceId)).singleElement().satisfies(line -> {
                assertThat(line.values())
                        .containsEntry("route", "/api/v1/chatbots/{}/conversations")
                        .containsEntry("status", 401);
                assertThat(line.message()).doesNotContain("15551234567");
            });
        }
    }

    @Test
    void should_carry_the_inbound_trace_id_into_the_turn_and_the_delivery_when_a_customer_writes() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        // The first send fails transiently: the delivery job logs its retry, under the trace of the message.
        GraphFake.sendsRespondInSequence(
                bot.phoneNumberId(), GraphFake.error(500, 2, "Temporarily unavailable"), GraphFake.sent());
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        String traceId = LogContext.newTraceId();
        try (LogLines parley = LogLines.capture("io.parley")) {
            byte[] body = WhatsAppPayloads.textWithProfile(
                            bot.phoneNumberId(),
                            chat.waId(),
                            "Ana",
                            WhatsAppPayloads.newWamid(),
                            "What are your opening hours?")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(api.postRaw(
                                    "/webhooks/whatsapp",
                                    body,
                                    "Content-Type",
                                    "application/json",
                                    "X-Hub-Signature-256",
                                    Webhooks.sign(body, bot.appSecret()),
                                    "X-Trace-Id",
                                    traceId)
                            .status())
                    .isEqualTo(200);

            assertThat(chat.awaitReceived(2)).containsOnly("Nine to five.");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(parley.withTraceId(traceId))
                            .extracting(LogLines.Line::logger)
                            .contains(
                                    "io.parley.conversation.internal.TurnProcessor",
                                    "io.parley.delivery.internal.DeliveryAttempts"));
        }
        String conversation = chat.conversationId();
        assertThat(jdbc.sql("select role || ':' || trace_id from messages where conversation_id = :id order by seq")
                        .param("id", UUID.fromString(conversation))
                        .query(String.class)
                        .list())
                .containsExactly("user:" + traceId, "assistant:" + traceId);
        assertThat(jdbc.sql("select trace_id from outbound_messages where conversation_id = :id")
                        .param("id", UUID.fromString(conversation))
                        .query(String.class)
                        .list())
                .containsExactly(traceId);
    }

    private static String requestId(Api.Response response) {
        return response.raw().headers().firstValue("X-Request-ID").orElseThrow();
    }
}
