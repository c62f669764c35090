package io.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.ratelimit.RedisPing;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.RealDependency;
import io.parley.testing.Tenants;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two Parley nodes on one database and one Redis share an account's pacing bucket (ADR 18): messages queued on both
 * go out at no more than the account's rate in total, not at the rate per node. Each run has its own key prefix.
 */
@TestPropertySource(properties = "parley.delivery.pacing.redis-url=" + RedisPing.URL)
class SharedPacingIntegrationTest extends IntegrationTestSupport {
    private static final String KEY_PREFIX = "parley-test:pacing:" + UUID.randomUUID() + ":";
    private static final int RATE = 20;
    private static final int PER_NODE = 100;

    @DynamicPropertySource
    static void ownKeyPrefix(DynamicPropertyRegistry registry) {
        registry.add("parley.delivery.pacing.redis-key-prefix", () -> KEY_PREFIX);
    }

    @Autowired
    private Deliveries deliveries;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private Environment environment;

    @BeforeAll
    static void redisRuns() {
        RealDependency.require(RedisPing.answers(), "Redis on 127.0.0.1:6379 (PING)");
    }

    @Test
    void should_send_at_the_account_rate_in_total_when_two_nodes_send_for_one_account() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        GraphFake.acceptSends(bot.phoneNumberId());
        assertThat(deliveries.setMessagesPerSecond(new OrganizationId(UUID.fromString(bot.organizationId())),
                new ChannelAccountId(UUID.fromString(bot.channelId())), RATE)).isTrue();
        List<UUID> conversations = new ArrayList<>();
        try (ConfigurableApplicationContext second = secondInstance()) {
            BulkOutbound otherNode = new BulkOutbound(jdbc, second.getBean(Deliveries.class),
                    second.getBean(TransactionTemplate.class));
            conversations.addAll(new BulkOutbound(jdbc, deliveries, transactions)
                    .enqueue(bot, PER_NODE, Lane.CONVERSATIONAL, "Sent from node one"));
            conversations.addAll(otherNode.enqueue(bot, PER_NODE, Lane.CONVERSATIONAL, "Sent from node two"));

            await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryLanesIntegrationTest
                    .recipients(bot.phoneNumberId()) >= 2 * PER_NODE);

            List<Long> times = GraphFake.sends(bot.phoneNumberId()).stream()
                    .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                    .map(r -> r.getLoggedDate().getTime()).toList();
            // One bucket: (200 - 1) / 18 per second ≈ 11 s, at most 91 in five seconds. A bucket per node would
            // send both halves at once: about 5.5 s, up to 182 in five seconds.
            assertThat(DeliveryLanesIntegrationTest.busiest(times, 5000)).as("most sends in five seconds, both nodes")
                    .isLessThanOrEqualTo(5 * RATE);
            assertThat(times.getLast() - times.getFirst()).as("first to last send, ms").isGreaterThanOrEqualTo(10_000);
        } finally {
            jdbc.sql("delete from conversations where id = any(:ids)")
                    .param("ids", conversations.toArray(UUID[]::new)).update();
        }
    }

    /** A second Parley on this test's database and Redis, as another node of the same installation. */
    private ConfigurableApplicationContext secondInstance() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        for (String name : List.of("parley.db.url", "parley.master-key", "parley.admin-token",
                "parley.whatsapp.graph-url", "parley.delivery.pacing.redis-url",
                "parley.delivery.pacing.redis-key-prefix", "db-scheduler.polling-interval", "parley.db.pool-size")) {
            properties.put(name, environment.getProperty(name));
        }
        properties.put("server.port", "0");
        properties.put("parley.demo.enabled", "false");
        properties.put("parley.data-dir", Files.createTempDirectory("parley-second-node").toString());
        return new SpringApplicationBuilder(io.parley.ParleyApplication.class).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
