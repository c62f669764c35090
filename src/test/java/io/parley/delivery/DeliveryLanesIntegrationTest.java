package io.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.delivery.internal.DeliveryJob;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lanes and pacing on the wire (ADR 18): the order of the sends WireMock recorded, and how many went out while the
 * clock stood still or moved by a known step. The exact bound per one-second window is checked on a simulated clock
 * in {@code PacerBucketTest}; here the clock stands still until the test moves it, so counts are exact.
 */
class DeliveryLanesIntegrationTest extends TimeTestSupport {
    @Autowired
    private Deliveries deliveries;

    @Autowired
    private TransactionTemplate transactions;

    private BulkOutbound bulk;

    @BeforeEach
    void setUp() {
        bulk = new BulkOutbound(jdbc, deliveries, transactions);
    }

    @Test
    void should_send_an_agent_reply_before_a_backlog_of_1000_campaign_messages() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = answered(bot);
        String conversationId = chat.conversationId();
        List<UUID> campaign = bulk.enqueue(bot, 1000, Lane.CAMPAIGN, "Spring sale: 20% off");
        try {
            Api.Response reply = api.post(
                    "/api/v1/conversations/" + conversationId + "/messages",
                    "{\"text\": \"Your refund was approved.\"}");
            assertThat(reply.status()).isEqualTo(202);

            time.runDue();

            assertThat(chat.received()).contains("Your refund was approved.");
            List<LoggedRequest> sends = chronological(bot.phoneNumberId());
            long campaignBefore = sends.stream()
                    .takeWhile(r -> !r.getBodyAsString().contains("refund"))
                    .filter(r -> r.getBodyAsString().contains("Spring sale"))
                    .count();
            // The campaign's slots are spread over the coming seconds: only the first one is now.
            assertThat(campaignBefore)
                    .as("campaign messages sent before the reply")
                    .isLessThanOrEqualTo(1);
            long campaignNow = campaignSends(bot);
            assertThat(campaignNow)
                    .as("campaign messages sent while the clock stood still")
                    .isLessThanOrEqualTo(1);
            time.advance(Duration.ofSeconds(1));
            // 80 msg/s less burst and headroom (72), of which campaigns may use 80 %: 58 a second.
            assertThat(campaignSends(bot) - campaignNow)
                    .as("campaign messages sent in the next second")
                    .isBetween(1L, 59L);
        } finally {
            bulk.discard(campaign);
        }
    }

    @Test
    void should_send_no_more_than_the_account_rate_per_second_of_the_clock() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        GraphFake.acceptSends(bot.phoneNumberId());
        int rate = 20;
        assertThat(deliveries.setMessagesPerSecond(
                        new OrganizationId(UUID.fromString(bot.organizationId())),
                        new ChannelAccountId(UUID.fromString(bot.channelId())),
                        rate))
                .isTrue();

        List<UUID> conversations = bulk.enqueue(bot, 30, Lane.CONVERSATIONAL, "Your parcel is on its way");
        try {
            time.runDue();
            assertThat(recipients(bot.phoneNumberId()))
                    .as("sent while the clock stood still: the burst (20 / 20)")
                    .isEqualTo(1);

            // 20 msg/s less burst and headroom refills 18 tokens a second, one every 56 ms, into a bucket of one;
            // a waiting message looks again after the refill plus up to 20 ms of jitter. Steps of 80 ms: one each.
            for (int step = 1; step <= 12; step++) {
                time.advance(Duration.ofMillis(80));
                assertThat(recipients(bot.phoneNumberId()))
                        .as("sent after %d ms", step * 80)
                        .isEqualTo(1 + step);
            }
            long afterOneSecond = recipients(bot.phoneNumberId());
            assertThat(afterOneSecond).as("sent within the first second").isLessThanOrEqualTo(rate);
            assertThat(GraphFake.sends(bot.phoneNumberId()))
                    .as("each recipient once")
                    .hasSize((int) afterOneSecond);

            time.advance(Duration.ofSeconds(1));
            assertThat(recipients(bot.phoneNumberId()) - afterOneSecond)
                    .as("after a pause, only the burst goes at once")
                    .isEqualTo(1);
        } finally {
            bulk.discard(conversations);
        }
    }

    static long recipients(String phoneNumberId) {
        return firstSendPerRecipient(phoneNumberId).size();
    }

    @Test
    void should_back_off_about_4_seconds_when_meta_answers_131056_and_then_send() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = answered(bot);
        GraphFake.sendsRespondInSequence(
                bot.phoneNumberId(),
                GraphFake.error(400, 131056, "(Business Account, Consumer Account) pair rate limit hit"),
                GraphFake.sentWithId("wamid.AFTER_PAIR_LIMIT"));

        String id = api.post(
                        "/api/v1/conversations/" + chat.conversationId() + "/messages",
                        "{\"text\": \"One more thing\"}")
                .json()
                .path("id")
                .asString();
        time.runDue();

        Instant retry = time.scheduled(DeliveryJob.TASK, outboundId(id)).orElseThrow();
        assertThat(Duration.between(time.now(), retry))
                .as("4 s backoff ± 20 % jitter")
                .isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
        time.advanceTo(retry.minusMillis(1));
        assertThat(attemptsOf(bot)).as("no second attempt before the backoff").hasSize(1);
        time.advanceTo(retry);
        assertThat(attemptsOf(bot)).hasSize(2);
        assertThat(AgentMessages.delivery(chat, id).path("providerMessageId").asString())
                .isEqualTo("wamid.AFTER_PAIR_LIMIT");
        assertThat(AgentMessages.delivery(chat, id).path("status").asString()).isEqualTo("sent");
        assertThat(AgentMessages.delivery(chat, id).path("attempts").asInt()).isEqualTo(2);
    }

    private static List<LoggedRequest> attemptsOf(Tenants.WhatsAppBot bot) {
        return chronological(bot.phoneNumberId()).stream()
                .filter(r -> r.getBodyAsString().contains("One more thing"))
                .toList();
    }

    /** The outbound row (the delivery job's instance) of an agent message. */
    private String outboundId(String messageId) {
        return jdbc.sql("select id::text from outbound_messages where message_id = cast(:id as uuid)")
                .param("id", messageId)
                .query(String.class)
                .single();
    }

    private static long campaignSends(Tenants.WhatsAppBot bot) {
        return GraphFake.sends(bot.phoneNumberId()).stream()
                .filter(r -> r.getBodyAsString().contains("Spring sale"))
                .count();
    }

    /** When each recipient got its first send (a resend after an unconfirmed attempt is not a second recipient). */
    private static java.util.Map<String, Long> firstSendPerRecipient(String phoneNumberId) {
        java.util.Map<String, Long> first = new java.util.HashMap<>();
        for (LoggedRequest request : GraphFake.sends(phoneNumberId)) {
            first.merge(
                    Api.json().readTree(request.getBodyAsString()).path("to").asString(),
                    request.getLoggedDate().getTime(),
                    Math::min);
        }
        return first;
    }

    private static List<LoggedRequest> chronological(String phoneNumberId) {
        return GraphFake.sends(phoneNumberId).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }
}
