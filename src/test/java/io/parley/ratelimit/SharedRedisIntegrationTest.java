package io.parley.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.events.SystemEvents;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.RealDependency;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Buckets shared through the machine's Redis: a second node (a second {@link RateLimits} on the same Redis, as
 * another Parley would build it, or a whole second Parley on the same database) spends the contact's tokens, and
 * this node then throttles the contact. Each run uses its own Redis key prefix, so runs do not share buckets.
 */
@TestPropertySource(
        properties = {"parley.ratelimit.per-contact-per-hour=3", "parley.ratelimit.redis-url=" + RedisPing.URL})
class SharedRedisIntegrationTest extends IntegrationTestSupport {
    @Autowired
    RateLimitProperties properties;

    @Autowired
    SystemEvents events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    private static final String KEY_PREFIX = "parley-test:" + UUID.randomUUID() + ":";

    @DynamicPropertySource
    static void ownKeyPrefix(DynamicPropertyRegistry registry) {
        registry.add("parley.ratelimit.redis-key-prefix", () -> KEY_PREFIX);
    }

    @Autowired
    Environment environment;

    @BeforeAll
    static void redisRuns() {
        RealDependency.require(RedisPing.answers(), "Redis on 127.0.0.1:6379 (PING)");
    }

    @Test
    void should_throttle_a_contact_whose_tokens_another_node_spent() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("first " + UUID.randomUUID());
        assertThat(chat.awaitReceived(1)).containsExactly("Happy to help.");

        RateLimits otherNode = new RateLimits(properties, events, transactions, clock);
        try {
            ContactId contact = contactOf(chat.conversationId());
            OrganizationId organization = new OrganizationId(UUID.fromString(bot.organizationId()));
            ChatbotId chatbot = new ChatbotId(UUID.fromString(bot.chatbotId()));
            assertThat(otherNode.tryConsume(organization, chatbot, contact).allowed())
                    .isTrue();
            assertThat(otherNode.tryConsume(organization, chatbot, contact).allowed())
                    .isTrue();
        } finally {
            otherNode.destroy();
        }

        String overLimit = "fourth overall " + UUID.randomUUID();
        chat.says(overLimit);

        await().untilAsserted(
                        () -> assertThat(chat.received()).containsExactly("Happy to help.", RateLimitScenario.NOTICE));
        assertThat(bot.llm().requests()).hasSize(1);
        assertThat(bot.llm().requests().stream().map(LoggedRequest::getBodyAsString))
                .noneMatch(body -> body.contains(overLimit));
        assertThat(jdbc.sql("select count(*) from system_events where type = :type")
                        .param("type", RateLimits.REDIS_UNAVAILABLE)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void should_accept_exactly_the_limit_in_total_when_one_contacts_messages_alternate_between_two_instances()
            throws Exception {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help.");
        assertThat(api.patch(
                                "/api/v1/organizations/" + bot.organizationId() + "/limits",
                                "{\"ratePerHourPerContact\": 3}")
                        .status())
                .isEqualTo(200);
        try (ConfigurableApplicationContext second = secondInstance()) {
            Api other = Api.at(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
            String waId = "1555" + ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L);
            List<String> texts = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                String text = "message " + i + " " + UUID.randomUUID();
                texts.add(text);
                Api node = i % 2 == 1 ? api : other;
                Api.Response ack = Webhooks.post(
                        node,
                        WhatsAppPayloads.textWithProfile(
                                bot.phoneNumberId(), waId, "Ana", WhatsAppPayloads.newWamid(), text),
                        bot.appSecret());
                assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            }

            // Instance two's own first message is the 4th overall: only a shared bucket refuses it.
            assertThat(userMessages(bot, waId, "is null")).containsExactlyElementsOf(texts.subList(0, 3));
            assertThat(userMessages(bot, waId, "= 'contact'")).containsExactlyElementsOf(texts.subList(3, 8));
        }
        assertThat(jdbc.sql("select count(*) from system_events where type = :type")
                        .param("type", RateLimits.REDIS_UNAVAILABLE)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private List<String> userMessages(Tenants.WhatsAppBot bot, String waId, String throttled) {
        return jdbc.sql("""
                        select m.content from messages m
                        join conversations c on c.id = m.conversation_id
                        join contact_identities i on i.contact_id = c.contact_id and i.chatbot_id = c.chatbot_id
                        where i.value = '+' || :waId and c.chatbot_id = :bot and m.role = 'user'
                          and m.details->>'throttled' %s
                        order by m.seq""".formatted(throttled))
                .param("waId", waId)
                .param("bot", UUID.fromString(bot.chatbotId()))
                .query(String.class)
                .list();
    }

    /** A second Parley on this test's database and Redis, as another node of the same installation. */
    private ConfigurableApplicationContext secondInstance() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        for (String name : List.of(
                "parley.db.url",
                "parley.master-key",
                "parley.admin-token",
                "parley.whatsapp.graph-url",
                "parley.ratelimit.redis-url",
                "parley.ratelimit.redis-key-prefix",
                "parley.ratelimit.per-contact-per-hour",
                "parley.conversation.debounce",
                "db-scheduler.polling-interval",
                "parley.db.pool-size")) {
            properties.put(name, environment.getProperty(name));
        }
        properties.put("server.port", "0");
        properties.put("parley.demo.enabled", "false");
        properties.put(
                "parley.data-dir",
                Files.createTempDirectory("parley-second-node").toString());
        // As command-line arguments: they win over application.yml, as the test context's own properties do.
        return new SpringApplicationBuilder(io.parley.ParleyApplication.class)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private ContactId contactOf(String conversationId) {
        return new ContactId(jdbc.sql("select contact_id from conversations where id = :id")
                .param("id", UUID.fromString(conversationId))
                .query(UUID.class)
                .single());
    }
}
