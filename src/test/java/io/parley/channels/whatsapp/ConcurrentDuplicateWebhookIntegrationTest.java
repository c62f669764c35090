package io.parley.channels.whatsapp;

import static io.parley.channels.whatsapp.WhatsAppPayloads.newWamid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Tenants.WhatsAppBot;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Meta redelivers, sometimes while the first delivery is still being handled: one message, one answer. */
class ConcurrentDuplicateWebhookIntegrationTest extends IntegrationTestSupport {
    private static final int DELIVERIES = 10;

    private IngressProbe probe;

    @BeforeEach
    void setUp() {
        probe = new IngressProbe(api, jdbc);
    }

    @Test
    void should_store_and_answer_once_when_the_same_webhook_arrives_10_times_concurrently() throws Exception {
        WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Answered once.");
        String wamid = newWamid();
        String body = WhatsAppPayloads.text(bot.phoneNumberId(), "15551238001", wamid, "Is anyone there?");

        List<Integer> statuses = postConcurrently(body, bot.appSecret());

        assertThat(statuses)
                .as("every delivery is acknowledged, duplicates included")
                .hasSize(DELIVERIES)
                .containsOnly(200);
        assertAnsweredOnce(bot, wamid);
    }

    @Test
    void should_store_and_answer_once_when_the_webhook_is_redelivered_after_the_reply_was_sent() {
        WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Answered once.");
        String wamid = newWamid();
        String body = WhatsAppPayloads.text(bot.phoneNumberId(), "15551238002", wamid, "Is anyone there?");
        assertThat(Webhooks.post(api, body, bot.appSecret()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 1);

        for (int i = 0; i < 3; i++) {
            assertThat(Webhooks.post(api, body, bot.appSecret()).status())
                    .as("redelivery " + (i + 1))
                    .isEqualTo(200);
        }

        assertAnsweredOnce(bot, wamid);
    }

    @Test
    void should_create_one_contact_and_one_conversation_when_a_new_contact_sends_10_messages_at_once()
            throws Exception {
        WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("One answer for all ten.");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            bodies.add(WhatsAppPayloads.text(bot.phoneNumberId(), "15551238003", newWamid(), "Part " + i));
        }

        List<Integer> statuses = postConcurrently(bodies, bot.appSecret());

        assertThat(statuses).hasSize(DELIVERIES).containsOnly(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() >= 1);
        time.advance(PAST_EVERY_RETRY);
        assertThat(GraphFake.sends(bot.phoneNumberId())).hasSize(1);
        assertThat(probe.conversations(bot)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from contacts where chatbot_id = cast(:bot as uuid)")
                        .param("bot", bot.chatbotId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from messages m join conversations c on c.id = m.conversation_id
                        where c.chatbot_id = cast(:bot as uuid) and m.role = 'user'""").param("bot", bot.chatbotId()).query(Long.class).single())
                .isEqualTo(DELIVERIES);
    }

    private List<Integer> postConcurrently(String body, String secret) throws Exception {
        return postConcurrently(java.util.Collections.nCopies(DELIVERIES, body), secret);
    }

    private List<Integer> postConcurrently(List<String> bodies, String secret) throws Exception {
        CountDownLatch ready = new CountDownLatch(DELIVERIES);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(DELIVERIES);
        try {
            List<Future<Integer>> responses = new ArrayList<>();
            for (String body : bodies) {
                responses.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return Webhooks.post(api, body, secret).status();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> response : responses) {
                statuses.add(response.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertAnsweredOnce(WhatsAppBot bot, String wamid) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() >= 1);
        time.advance(PAST_EVERY_RETRY);
        assertThat(GraphFake.sends(bot.phoneNumberId())).hasSize(1);
        assertThat(bot.llm().requests()).hasSize(1);
        assertThat(probe.conversations(bot)).hasSize(1);
        assertThat(probe.onlyUserMessage(bot).path("providerMessageId").asString())
                .isEqualTo(wamid);
        assertThat(probe.inboundEvents(wamid)).isEqualTo(1);
        assertThat(probe.delivery(probe.conversations(bot).get(0).path("id").asString())
                        .path("status")
                        .asString())
                .isEqualTo("sent");
    }
}
