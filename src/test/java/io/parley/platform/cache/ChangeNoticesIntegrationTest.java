package io.parley.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.testing.IntegrationTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Two nodes on one PostgreSQL: the application's {@link ChangeNotices} and a second one on its own connection. */
class ChangeNoticesIntegrationTest extends IntegrationTestSupport {
    private static final Duration MOMENTS = Duration.ofSeconds(10);

    @Autowired
    ChangeNotices thisNode;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PlatformTransactionManager transactionManager;

    private ChangeNotices otherNode;
    private final AtomicInteger loads = new AtomicInteger();
    private final String topic = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void startOtherNode() {
        otherNode = new ChangeNotices(
                dataSource,
                jdbc,
                new CacheProperties(true, Duration.ofMinutes(10), 100),
                clock,
                new SimpleMeterRegistry());
        otherNode.start();
        await().atMost(MOMENTS).until(otherNode::listening);
        await().atMost(MOMENTS).until(thisNode::listening);
    }

    @AfterEach
    void stopOtherNode() {
        otherNode.stop();
    }

    private String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    @Test
    void should_forget_a_key_on_another_node_when_the_change_commits() {
        SharedCache<String, String> there = otherNode.cache(topic);
        assertThat(there.get("a", this::load)).isEqualTo("a#1");
        assertThat(there.get("b", this::load)).isEqualTo("b#2");

        transactions.executeWithoutResult(status -> thisNode.announce(topic, "a"));

        await().atMost(MOMENTS).until(() -> there.get("a", this::load).equals("a#3"));
        assertThat(there.get("b", this::load)).isEqualTo("b#2");
    }

    @Test
    void should_forget_everything_of_the_topic_on_an_all_notice_sent_outside_a_transaction() {
        SharedCache<String, String> there = otherNode.cache(topic);
        SharedCache<String, String> otherTopic = otherNode.cache(topic + "-other");
        there.get("a", this::load);
        otherTopic.get("a", this::load);

        thisNode.announceAll(topic);

        await().atMost(MOMENTS).until(() -> there.size() == 0);
        assertThat(otherTopic.size()).isEqualTo(1);
    }

    @Test
    void should_send_nothing_when_the_change_rolls_back() {
        SharedCache<String, String> there = otherNode.cache(topic);
        there.get("rolled-back", this::load);
        there.get("committed", this::load);

        transactions.executeWithoutResult(status -> {
            thisNode.announce(topic, "rolled-back");
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> thisNode.announce(topic, "committed"));

        // Notices arrive in commit order: once the later one is heard, the earlier one would have been too.
        await().atMost(MOMENTS).until(() -> there.get("committed", this::load).endsWith("#3"));
        assertThat(there.get("rolled-back", this::load)).isEqualTo("rolled-back#1");
    }

    @Test
    void should_forget_locally_when_the_transaction_ends_without_waiting_for_the_echo() {
        SharedCache<String, String> here = thisNode.cache(topic);
        here.get("a", this::load);

        transactions.executeWithoutResult(status -> {
            thisNode.announce(topic, "a");
            // The rest of the writing transaction reads past the cache, and keeps nothing it read.
            assertThat(here.get("a", this::load)).isEqualTo("a#2");
            assertThat(here.get("a", this::load)).isEqualTo("a#3");
        });

        // Forgotten as the transaction ended, not when this node's own notice comes back (that may come any time).
        assertThat(here.get("a", this::load)).isEqualTo("a#4");
    }

    @Test
    void should_keep_the_notices_of_a_transaction_started_inside_another_apart() {
        SharedCache<String, String> here = thisNode.cache(topic);
        here.get("b", this::load);
        TransactionTemplate inner = new TransactionTemplate(transactionManager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transactions.executeWithoutResult(outer -> {
            thisNode.announce(topic, "a");
            inner.executeWithoutResult(status -> {
                // The inner transaction announced nothing yet: the cache answers it.
                assertThat(here.get("b", this::load)).isEqualTo("b#1");
                thisNode.announce(topic, "b");
            });
            // Committed on its own: forgotten now, not when the outer transaction ends.
            assertThat(here.size()).isZero();
        });
    }

    @Test
    void should_clear_its_caches_when_the_listener_reconnects() {
        SharedCache<String, String> there = otherNode.cache(topic);
        there.get("a", this::load);
        int cut = otherNode.listenerBackendPid();

        jdbc.sql("select pg_terminate_backend(:pid)").param("pid", cut).query().singleValue();

        await().atMost(MOMENTS).until(() -> otherNode.listening() && otherNode.listenerBackendPid() != cut);
        assertThat(there.size()).isZero();
        assertThat(there.get("a", this::load)).isEqualTo("a#2");
        // And it hears notices again on its new connection.
        thisNode.announce(topic, "a");
        await().atMost(MOMENTS).until(() -> there.get("a", this::load).equals("a#3"));
    }
}
