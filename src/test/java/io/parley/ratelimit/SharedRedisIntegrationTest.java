package io.parley.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.events.SystemEvents;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Buckets shared through the machine's Redis: a second node (a second {@link RateLimits} on the same Redis, as
 * another Parley would build it) spends the contact's tokens, and this node then throttles the contact.
 */
@TestPropertySource(properties = {
        "parley.ratelimit.per-contact-per-hour=3",
        "parley.ratelimit.redis-url=" + RedisPing.URL
})
class SharedRedisIntegrationTest extends IntegrationTestSupport {
    @Autowired
    RateLimitProperties properties;
    @Autowired
    SystemEvents events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    @BeforeAll
    static void redisRuns() {
        assumeTrue(RedisPing.answers(), "Redis on 127.0.0.1:6379 does not answer PING");
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
            assertThat(otherNode.tryConsume(organization, chatbot, contact).allowed()).isTrue();
            assertThat(otherNode.tryConsume(organization, chatbot, contact).allowed()).isTrue();
        } finally {
            otherNode.destroy();
        }

        String overLimit = "fourth overall " + UUID.randomUUID();
        chat.says(overLimit);

        await().untilAsserted(() -> assertThat(chat.received())
                .containsExactly("Happy to help.", RateLimitScenario.NOTICE));
        assertThat(bot.llm().requests()).hasSize(1);
        assertThat(bot.llm().requests().stream().map(LoggedRequest::getBodyAsString))
                .noneMatch(body -> body.contains(overLimit));
        assertThat(jdbc.sql("select count(*) from system_events where type = :type")
                .param("type", RateLimits.REDIS_UNAVAILABLE).query(Integer.class).single()).isZero();
    }

    private ContactId contactOf(String conversationId) {
        return new ContactId(jdbc.sql("select contact_id from conversations where id = :id")
                .param("id", UUID.fromString(conversationId)).query(UUID.class).single());
    }
}
