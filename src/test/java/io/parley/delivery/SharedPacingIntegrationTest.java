package io.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.ratelimit.RedisPing;
import io.parley.testing.GraphFake;
import io.parley.testing.RealDependency;
import io.parley.testing.SettableClock;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * Two Parley nodes on one database and one Redis share an account's pacing bucket (ADR 18, 43): messages queued on
 * both go out at the account's rate in total, not at the rate per node. Both nodes run on this test's clock (ADR 48:
 * shared buckets read Parley's clock), which stands still until the test moves it, so the count per clock step is
 * exact. Each run has its own key prefix.
 */
@TestPropertySource(properties = "parley.delivery.pacing.redis-url=" + RedisPing.URL)
class SharedPacingIntegrationTest extends TimeTestSupport {
    private static final String KEY_PREFIX = "parley-test:pacing:" + UUID.randomUUID() + ":";
    /** Burst 1, headroom 1: 20 tokens a second, one every 50 ms, into a bucket of one. */
    private static final int RATE = 22;

    private static final int PER_NODE = 40;
    /** Longer than a refill (50 ms) plus a waiting message's jitter (20 ms): every step has one token, and due work. */
    private static final Duration STEP = Duration.ofMillis(100);

    private static final int STEPS = 20;

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

    @Autowired
    private SettableClock clock;

    @BeforeAll
    static void redisRuns() {
        RealDependency.require(RedisPing.answers(), "Redis on 127.0.0.1:6379 (PING)");
    }

    @Test
    void should_send_one_message_per_refill_in_total_when_two_nodes_send_for_one_account() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        GraphFake.acceptSends(bot.phoneNumberId());
        assertThat(deliveries.setMessagesPerSecond(
                        new OrganizationId(UUID.fromString(bot.organizationId())),
                        new ChannelAccountId(UUID.fromString(bot.channelId())),
                        RATE))
                .isTrue();
        List<UUID> conversations = new ArrayList<>();
        BulkOutbound thisNode = new BulkOutbound(jdbc, deliveries, transactions);
        try (ConfigurableApplicationContext second = secondInstance()) {
            Scheduler otherScheduler = second.getBean(Scheduler.class);
            conversations.addAll(thisNode.enqueue(bot, PER_NODE, Lane.CONVERSATIONAL, "Sent from node one"));
            conversations.addAll(
                    new BulkOutbound(jdbc, second.getBean(Deliveries.class), second.getBean(TransactionTemplate.class))
                            .enqueue(bot, PER_NODE, Lane.CONVERSATIONAL, "Sent from node two"));

            otherScheduler.triggerCheckForDueExecutions();
            time.runDue();
            // Two buckets (one per node) would let each node send its own burst: 2 now, 2 per step.
            assertThat(GraphFake.sends(bot.phoneNumberId()))
                    .as("sent by both nodes while the clock stood still")
                    .hasSize(1);
            for (int step = 1; step <= STEPS; step++) {
                // Both nodes look for due work at every step; on odd steps the second node looks first.
                if (step % 2 == 1) {
                    clock.advance(STEP);
                    otherScheduler.triggerCheckForDueExecutions();
                } else {
                    time.advanceWithoutWaiting(STEP);
                    otherScheduler.triggerCheckForDueExecutions();
                }
                time.runDue();
                assertThat(GraphFake.sends(bot.phoneNumberId()))
                        .as("sent by both nodes after %d ms", step * 100)
                        .hasSize(1 + step);
            }
            assertThat(senders(bot))
                    .as("nodes that sent (each calls Graph by its own host name)")
                    .containsExactlyInAnyOrder(
                            host(environment.getProperty("parley.whatsapp.graph-url")),
                            host(second.getEnvironment().getProperty("parley.whatsapp.graph-url")));
        } finally {
            thisNode.discard(conversations);
        }
    }

    private static Set<String> senders(Tenants.WhatsAppBot bot) {
        return GraphFake.sends(bot.phoneNumberId()).stream()
                .map(LoggedRequest::getHost)
                .collect(Collectors.toSet());
    }

    private static String host(String url) {
        return URI.create(url).getHost();
    }

    /**
     * A second Parley on this test's database, Redis and clock, as another node of the same installation. It calls
     * Graph as 127.0.0.1 where this node says localhost (or the other way round), so a send names its node.
     */
    private ConfigurableApplicationContext secondInstance() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        for (String name : List.of(
                "parley.db.url",
                "parley.master-key",
                "parley.admin-token",
                "parley.delivery.pacing.redis-url",
                "parley.delivery.pacing.redis-key-prefix",
                "db-scheduler.polling-interval",
                "parley.db.pool-size")) {
            properties.put(name, environment.getProperty(name));
        }
        String graph = environment.getProperty("parley.whatsapp.graph-url");
        String otherHost = "localhost".equals(host(graph)) ? "127.0.0.1" : "localhost";
        properties.put("parley.whatsapp.graph-url", graph.replaceFirst("//" + host(graph), "//" + otherHost));
        properties.put("server.port", "0");
        properties.put("parley.demo.enabled", "false");
        properties.put(
                "parley.data-dir",
                Files.createTempDirectory("parley-second-node").toString());
        return new SpringApplicationBuilder(io.parley.ParleyApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }
}
