package io.parley.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;

/**
 * A bot reply meets the Graph API's failures on the wire. Tests run with a first backoff of 200 ms (then 400 ms,
 * 800 ms) and the default of three retries.
 */
class DeliveryRetryIntegrationTest extends IntegrationTestSupport {
    private static final String REPLY = "Your parcel left the warehouse today.";

    private Rows rows;

    @BeforeEach
    void setUp() {
        rows = new Rows(jdbc);
    }

    /** A bot whose reply meets these Graph responses in order (the last one repeats), and its contact. */
    private record Delivery(Tenants.WhatsAppBot bot, WhatsAppChat chat) {
        JsonNode awaitFinal() {
            await().atMost(Duration.ofSeconds(15)).until(() -> chat.lastReplyDelivery()
                    .map(d -> List.of("sent", "failed").contains(d.path("status").asString())).orElse(false));
            return chat.lastReplyDelivery().orElseThrow();
        }

        int sendRequests() {
            return GraphFake.sends(bot.phoneNumberId()).size();
        }
    }

    private Delivery replyMeeting(ResponseDefinitionBuilder... graphResponses) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(REPLY);
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), graphResponses);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Where is my parcel?");
        return new Delivery(bot, chat);
    }

    @Test
    void should_send_on_the_third_attempt_when_the_graph_api_fails_twice_with_500() {
        Delivery delivery = replyMeeting(GraphFake.error(500, 1, "An unknown error occurred"),
                GraphFake.error(500, 1, "An unknown error occurred"), GraphFake.sentWithId("wamid.THIRD_TIME_LUCKY"));

        JsonNode state = delivery.awaitFinal();

        assertThat(state.path("status").asString()).isEqualTo("sent");
        assertThat(state.path("providerMessageId").asString()).isEqualTo("wamid.THIRD_TIME_LUCKY");
        assertThat(state.path("attempts").asInt()).isEqualTo(3);
        assertThat(state.path("error").isMissingNode() || state.path("error").isNull()).as("error cleared").isTrue();
        assertThat(delivery.sendRequests()).isEqualTo(3);
        assertThat(delivery.chat().received()).containsOnly(REPLY);
        assertThat(rows.events(delivery.bot().organizationId())).extracting(Rows.Event::type)
                .noneMatch(type -> type.startsWith("delivery."));
    }

    @Test
    void should_send_once_and_keep_the_message_sent_when_the_provider_returns_an_id_it_already_used() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(REPLY);
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), GraphFake.sentWithId("wamid.SAME_ID_TWICE"));
        WhatsAppChat first = WhatsAppChat.start(api, bot);
        first.says("Where is my parcel?");
        first.awaitReceived(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.lastReplyDelivery()
                .map(d -> d.path("status").asString().equals("sent")).orElse(false));
        WhatsAppChat second = WhatsAppChat.start(api, bot);

        second.says("And mine?");

        await().atMost(Duration.ofSeconds(10)).until(() -> second.lastReplyDelivery()
                .map(d -> d.path("status").asString().equals("sent")).orElse(false));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 2);
        assertThat(second.lastReplyDelivery().orElseThrow().path("providerMessageId").isMissingNode()).isTrue();
        assertThat(rows.events(bot.organizationId())).extracting(Rows.Event::type)
                .contains("delivery.duplicate_provider_id");
    }

    @Test
    void should_fail_after_one_attempt_without_retrying_when_the_graph_api_rejects_the_request() {
        Delivery delivery = replyMeeting(GraphFake.error(400, 100, "Invalid parameter"));

        JsonNode state = delivery.awaitFinal();

        assertThat(state.path("status").asString()).isEqualTo("failed");
        assertThat(state.path("error").path("code").asString()).isEqualTo("100");
        assertThat(state.path("error").path("message").asString()).isEqualTo("Invalid parameter");
        assertThat(state.path("attempts").asInt()).isEqualTo(1);
        // Ten times the first backoff: a retry would have happened by now.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> delivery.sendRequests() == 1);
        List<Rows.Event> events = rows.events(delivery.bot().organizationId());
        assertThat(events).extracting(Rows.Event::type).containsOnlyOnce("delivery.rejected")
                .doesNotContain("delivery.credentials_rejected", "delivery.retries_exhausted");
        Rows.Event rejected = events.stream().filter(e -> e.type().equals("delivery.rejected")).findFirst().orElseThrow();
        assertThat(rejected.level()).isEqualTo("error");
        assertThat(rejected.payload().path("code").asString()).isEqualTo("100");
    }

    @Test
    void should_fail_and_raise_a_critical_alert_when_the_graph_api_rejects_the_access_token() {
        Delivery delivery = replyMeeting(GraphFake.error(401, 190, "Error validating access token"));

        JsonNode state = delivery.awaitFinal();

        assertThat(state.path("status").asString()).isEqualTo("failed");
        assertThat(state.path("error").path("code").asString()).isEqualTo("190");
        assertThat(state.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.sendRequests()).isEqualTo(1);
        List<Rows.Event> alerts = rows.events(delivery.bot().organizationId()).stream()
                .filter(e -> e.type().equals("delivery.credentials_rejected")).toList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().level()).isEqualTo("critical");
        assertThat(alerts.getFirst().payload().path("code").asString()).isEqualTo("190");
    }

    @Test
    void should_retry_and_send_when_meta_throttles_with_a_400() {
        Delivery delivery = replyMeeting(GraphFake.error(400, 130429, "Rate limit hit"),
                GraphFake.sentWithId("wamid.AFTER_THROTTLE"));

        JsonNode state = delivery.awaitFinal();

        assertThat(state.path("status").asString()).isEqualTo("sent");
        assertThat(state.path("providerMessageId").asString()).isEqualTo("wamid.AFTER_THROTTLE");
        assertThat(state.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.sendRequests()).isEqualTo(2);
    }

    @Test
    void should_give_up_after_four_attempts_and_record_it_when_the_graph_api_keeps_failing() {
        Delivery delivery = replyMeeting(GraphFake.error(500, 1, "An unknown error occurred"));

        JsonNode state = delivery.awaitFinal();

        assertThat(state.path("status").asString()).isEqualTo("failed");
        assertThat(state.path("attempts").asInt()).isEqualTo(4);
        assertThat(state.path("error").path("code").asString()).isEqualTo("1");
        assertThat(state.path("error").path("message").asString()).startsWith("Gave up after 4 attempts");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> delivery.sendRequests() == 4);
        List<Rows.Event> exhausted = rows.events(delivery.bot().organizationId()).stream()
                .filter(e -> e.type().equals("delivery.retries_exhausted")).toList();
        assertThat(exhausted).hasSize(1);
        assertThat(exhausted.getFirst().level()).isEqualTo("error");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void should_retry_and_send_when_the_connection_fails_mid_request(Fault fault) {
        Delivery delivery = replyMeeting(aResponse().withFault(fault), GraphFake.sentWithId("wamid.AFTER_" + fault));

        JsonNode state = delivery.awaitFinal();

        assertThat(state.path("status").asString()).isEqualTo("sent");
        assertThat(state.path("providerMessageId").asString()).isEqualTo("wamid.AFTER_" + fault);
        assertThat(state.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.sendRequests()).isEqualTo(2);
    }
}
