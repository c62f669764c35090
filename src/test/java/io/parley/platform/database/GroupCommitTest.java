package io.parley.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.parley.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Group commit on a real PostgreSQL: shared transactions, commit before return, one bad unit fails alone. */
class GroupCommitTest {
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private TransactionTemplate transactions;
    private final ExecutorService callers = Executors.newFixedThreadPool(40);

    @BeforeEach
    void setUp() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.fresh());
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table rows (id int primary key, tx bigint not null)").update();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
        dataSource.close();
    }

    @Test
    void should_run_a_unit_that_lost_a_deadlock_again_and_give_up_after_a_few_tries() {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger hopeless = new java.util.concurrent.atomic.AtomicInteger();
        try (GroupCommit groupCommit = new GroupCommit("test", transactions, 1, 32)) {
            int stored = groupCommit.execute(() -> {
                if (tries.incrementAndGet() < 3) {
                    throw new org.springframework.dao.PessimisticLockingFailureException("deadlock detected");
                }
                return insert(7);
            });

            assertThat(stored).isEqualTo(7);
            assertThat(tries).hasValue(3);
            assertThatThrownBy(() -> groupCommit.execute(() -> {
                        hopeless.incrementAndGet();
                        throw new org.springframework.dao.PessimisticLockingFailureException("deadlock detected");
                    }))
                    .isInstanceOf(org.springframework.dao.PessimisticLockingFailureException.class);
            assertThat(hopeless).hasValue(4);
            assertThat(jdbc.sql("select count(*) from rows").query(Long.class).single())
                    .isEqualTo(1);
        }
    }

    @Test
    void should_let_concurrent_units_share_commits_and_return_only_after_theirs() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<Integer> visibleOnReturn = ConcurrentHashMap.newKeySet();
        try (GroupCommit groupCommit = new GroupCommit("test", transactions, 1, 32)) {
            // The first unit holds the only writer until the other 39 are queued behind it.
            Future<?> first = callers.submit(() -> groupCommit.execute(() -> {
                firstRunning.countDown();
                waitFor(release);
                return insert(0);
            }));
            firstRunning.await(10, TimeUnit.SECONDS);
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 1; i < 40; i++) {
                int id = i;
                rest.add(callers.submit(() -> {
                    int stored = groupCommit.execute(() -> insert(id));
                    // Read on another connection: the row is committed by the time execute returns.
                    if (JdbcClient.create(dataSource)
                                    .sql("select count(*) from rows where id = ?")
                                    .param(id)
                                    .query(Long.class)
                                    .single()
                            == 1) {
                        visibleOnReturn.add(stored);
                    }
                    return stored;
                }));
            }
            awaitQueued(groupCommit, rest);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < rest.size(); i++) {
                assertThat(rest.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1);
            }
        }
        assertThat(visibleOnReturn).hasSize(39);
        assertThat(jdbc.sql("select count(*) from rows").query(Long.class).single())
                .isEqualTo(40);
        long transactionsUsed = jdbc.sql("select count(distinct tx) from rows")
                .query(Long.class)
                .single();
        // 1 for the first unit, then at most 32 per transaction: 39 queued units need 2.
        assertThat(transactionsUsed).isLessThanOrEqualTo(3);
    }

    @Test
    void should_fail_only_the_bad_unit_of_a_batch_and_keep_the_others() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit groupCommit = new GroupCommit("test", transactions, 1, 32)) {
            Future<?> first = callers.submit(() -> groupCommit.execute(() -> {
                firstRunning.countDown();
                waitFor(release);
                return insert(0);
            }));
            firstRunning.await(10, TimeUnit.SECONDS);
            List<Future<Integer>> units = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int id = i;
                units.add(callers.submit(() -> groupCommit.execute(() -> {
                    insert(id);
                    if (id == 5) {
                        throw new IllegalArgumentException("unit 5 is bad");
                    }
                    return id;
                })));
            }
            awaitQueued(groupCommit, units);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 10; i++) {
                Future<Integer> unit = units.get(i - 1);
                if (i == 5) {
                    assertThatThrownBy(() -> unit.get(10, TimeUnit.SECONDS))
                            .hasCauseInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("unit 5 is bad");
                } else {
                    assertThat(unit.get(10, TimeUnit.SECONDS)).isEqualTo(i);
                }
            }
        }
        assertThat(jdbc.sql("select id from rows order by id")
                        .query(Integer.class)
                        .list())
                .containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9, 10);
    }

    @Test
    void should_write_what_is_queued_when_closed_and_refuse_new_work() {
        GroupCommit groupCommit = new GroupCommit("test", transactions, 2, 8);
        assertThat(groupCommit.execute(() -> insert(1))).isEqualTo(1);
        groupCommit.close();
        assertThatThrownBy(() -> groupCommit.execute(() -> insert(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Shutting down");
        assertThat(jdbc.sql("select id from rows").query(Integer.class).list()).containsExactly(1);
    }

    private int insert(int id) {
        jdbc.sql("insert into rows (id, tx) values (?, txid_current())")
                .param(id)
                .update();
        return id;
    }

    /** Waits until every caller has handed its unit over (their futures are blocked in execute). */
    private static void awaitQueued(GroupCommit groupCommit, List<? extends Future<?>> callers) {
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.queued() == callers.size());
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
