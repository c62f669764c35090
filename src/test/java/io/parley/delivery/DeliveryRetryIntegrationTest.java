package io.parley.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.parley.testing.GraphFake;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.WhatsAppChat;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * A bot reply meets the Graph API's failures on the wire, with the default retries (three, after 1 s, 2 s, 4 s, each
 * ±20 %) and throttle backoff (4 s). The clock stands still until the test moves it to the next scheduled attempt.
 */
class DeliveryRetryIntegrationTest extends TimeTestSupport {
    private static final String REPLY = "Your parcel left the warehouse today.";
    /** Longer than any backoff a message could still be waiting for. */
    private static final Duration LATER = Duration.ofMinutes(10);

    private Rows rows;

    @BeforeEach
    void setUp() {
        rows = new Rows(jdbc);
    }

    /** A bot whose reply meets these Graph responses in order (the last one repeats), and its contact. */
    private record Delivery(Tenants.WhatsAppBot bot, WhatsAppChat chat) {
        int sendRequests() {
            return GraphFake.sends(bot.phoneNumberId()).size();
        }
    }

    /** The reply's first attempt has been made when this returns (the debounce passed, the turn ran). */
    private Delivery replyMeeting(ResponseDefinitionBuilder... graphResponses) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(REPLY);
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), graphResponses);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Where is my parcel?");
        time.advance(DEBOUNCE);
        return new Delivery(bot, chat);
    }

    /** How long until the reply's next attempt, if one is scheduled. */
    private Optional<Duration> nextAttemptIn(Delivery delivery) {
        return jdbc.sql("""
                        select t.execution_time from scheduled_tasks t
                        join outbound_messages o on t.task_name = 'deliver' and t.task_instance = o.id::text
                        where o.conversation_id = cast(:conversation as uuid)""")
                .param("conversation", delivery.chat().conversationId())
                .query(Timestamp.class)
                .optional()
                .map(at -> Duration.between(time.now(), at.toInstant()));
    }

    /** Moves the clock to each scheduled attempt until none is left; returns the reply's delivery state. */
    private JsonNode finish(Delivery delivery) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<Duration> next = nextAttemptIn(delivery);
            if (next.isEmpty()) {
                return delivery.chat().lastReplyDelivery().orElseThrow();
            }
            time.advance(next.get());
        }
        throw new AssertionError("the reply is still being retried after 20 attempts");
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Test
    void should_send_on_the_third_attempt_when_the_graph_api_fails_twice_with_500() {
        Delivery delivery = replyMeeting(
                GraphFake.error(500, 1, "An unknown error occurred"),
                GraphFake.error(500, 1, "An unknown error occurred"),
                GraphFake.sentWithId("wamid.THIRD_TIME_LUCKY"));

        assertThat(delivery.sendRequests()).isEqualTo(1);
        Duration first = nextAttemptIn(delivery).orElseThrow();
        assertThat(first).as("first backoff, 1 s ± 20 %").isBetween(seconds(0.8), seconds(1.2));
        time.advance(first.minusMillis(1));
        assertThat(delivery.sendRequests()).as("no attempt before its time").isEqualTo(1);
        time.advance(Duration.ofMillis(1));
        assertThat(delivery.sendRequests()).isEqualTo(2);
        Duration second = nextAttemptIn(delivery).orElseThrow();
        assertThat(second).as("second backoff, 2 s ± 20 %").isBetween(seconds(1.6), seconds(2.4));
        time.advance(second);
        JsonNode state = finish(delivery);

        assertThat(state.path("status").asString()).isEqualTo("sent");
        assertThat(state.path("providerMessageId").asString()).isEqualTo("wamid.THIRD_TIME_LUCKY");
        assertThat(state.path("attempts").asInt()).isEqualTo(3);
        assertThat(state.path("error").isMissingNode() || state.path("error").isNull())
                .as("error cleared")
                .isTrue();
        assertThat(delivery.sendRequests()).isEqualTo(3);
        assertThat(delivery.chat().received()).containsOnly(REPLY);
        assertThat(rows.events(delivery.bot().organizationId()))
                .extracting(Rows.Event::type)
                .noneMatch(type -> type.startsWith("delivery."));
    }

    @Test
    void should_send_once_and_keep_the_message_sent_when_the_provider_returns_an_id_it_already_used() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(REPLY);
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), GraphFake.sentWithId("wamid.SAME_ID_TWICE"));
        WhatsAppChat first = WhatsAppChat.start(api, bot);
        first.says("Where is my parcel?");
        time.advance(DEBOUNCE);
        first.awaitReceived(1);
        assertThat(first.lastReplyDelivery().orElseThrow().path("status").asString())
                .isEqualTo("sent");
        WhatsAppChat second = WhatsAppChat.start(api, bot);

        second.says("And mine?");
        time.advance(DEBOUNCE);

        assertThat(second.lastReplyDelivery().orElseThrow().path("status").asString())
                .isEqualTo("sent");
        time.advance(LATER);
        assertThat(GraphFake.sends(bot.phoneNumberId())).hasSize(2);
        assertThat(second.lastReplyDelivery()
                        .orElseThrow()
                        .path("providerMessageId")
                        .isMissingNode())
                .isTrue();
        assertThat(rows.events(bot.organizationId()))
                .extracting(Rows.Event::type)
                .contains("delivery.duplicate_provider_id");
    }

    @Test
    void should_fail_after_one_attempt_without_retrying_when_the_graph_api_rejects_the_request() {
        Delivery delivery = replyMeeting(GraphFake.error(400, 100, "Invalid parameter"));

        assertThat(nextAttemptIn(delivery)).as("no retry scheduled").isEmpty();
        JsonNode state = finish(delivery);

        assertThat(state.path("status").asString()).isEqualTo("failed");
        assertThat(state.path("error").path("code").asString()).isEqualTo("100");
        assertThat(state.path("error").path("message").asString()).isEqualTo("Invalid parameter");
        assertThat(state.path("attempts").asInt()).isEqualTo(1);
        time.advance(LATER);
        assertThat(delivery.sendRequests()).isEqualTo(1);
        List<Rows.Event> events = rows.events(delivery.bot().organizationId());
        assertThat(events)
                .extracting(Rows.Event::type)
                .containsOnlyOnce("delivery.rejected")
                .doesNotContain("delivery.credentials_rejected", "delivery.retries_exhausted");
        Rows.Event rejected = events.stream()
                .filter(e -> e.type().equals("delivery.rejected"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.level()).isEqualTo("error");
        assertThat(rejected.payload().path("code").asString()).isEqualTo("100");
    }

    @Test
    void should_fail_and_raise_a_critical_alert_when_the_graph_api_rejects_the_access_token() {
        Delivery delivery = replyMeeting(GraphFake.error(401, 190, "Error validating access token"));

        JsonNode state = finish(delivery);

        assertThat(state.path("status").asString()).isEqualTo("failed");
        assertThat(state.path("error").path("code").asString()).isEqualTo("190");
        assertThat(state.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.sendRequests()).isEqualTo(1);
        List<Rows.Event> alerts = rows.events(delivery.bot().organizationId()).stream()
                .filter(e -> e.type().equals("delivery.credentials_rejected"))
                .toList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().level()).isEqualTo("critical");
        assertThat(alerts.getFirst().payload().path("code").asString()).isEqualTo("190");
    }

    @Test
    void should_retry_and_send_when_meta_throttles_with_a_400() {
        Delivery delivery = replyMeeting(
                GraphFake.error(400, 130429, "Rate limit hit"), GraphFake.sentWithId("wamid.AFTER_THROTTLE"));

        assertThat(nextAttemptIn(delivery).orElseThrow())
                .as("throttle backoff, 4 s ± 20 %")
                .isBetween(seconds(3.2), seconds(4.8));
        JsonNode state = finish(delivery);

        assertThat(state.path("status").asString()).isEqualTo("sent");
        assertThat(state.path("providerMessageId").asString()).isEqualTo("wamid.AFTER_THROTTLE");
        assertThat(state.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.sendRequests()).isEqualTo(2);
    }

    @Test
    void should_give_up_after_four_attempts_and_record_it_when_the_graph_api_keeps_failing() {
        Delivery delivery = replyMeeting(GraphFake.error(500, 1, "An unknown error occurred"));

        JsonNode state = finish(delivery);

        assertThat(state.path("status").asString()).isEqualTo("failed");
        assertThat(state.path("attempts").asInt()).isEqualTo(4);
        assertThat(state.path("error").path("code").asString()).isEqualTo("1");
        assertThat(state.path("error").path("message").asString()).startsWith("Gave up after 4 attempts");
        time.advance(LATER);
        assertThat(delivery.sendRequests()).isEqualTo(4);
        List<Rows.Event> exhausted = rows.events(delivery.bot().organizationId()).stream()
                .filter(e -> e.type().equals("delivery.retries_exhausted"))
                .toList();
        assertThat(exhausted).hasSize(1);
        assertThat(exhausted.getFirst().level()).isEqualTo("error");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void should_retry_and_send_when_the_connection_fails_mid_request(Fault fault) {
        Delivery delivery = replyMeeting(aResponse().withFault(fault), GraphFake.sentWithId("wamid.AFTER_" + fault));

        JsonNode state = finish(delivery);

        assertThat(state.path("status").asString()).isEqualTo("sent");
        assertThat(state.path("providerMessageId").asString()).isEqualTo("wamid.AFTER_" + fault);
        assertThat(state.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.sendRequests()).isEqualTo(2);
    }
}
