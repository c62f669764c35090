package io.parley.platform.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Changes to cached settings, across nodes (ADR 50). A writer {@link #announce}s what it changed right after its
 * statement; the notice is a PostgreSQL {@code NOTIFY} on {@value #CHANNEL} sent in the writer's transaction, so
 * other nodes hear it only if the change commits, and this node forgets the key itself once the transaction ends.
 * One listening connection per node forgets what others announce. While that connection is down (and until it
 * listens again) notices may be missed, so every {@link SharedCache} is cleared and bypassed meanwhile.
 */
@Service
@EnableConfigurationProperties(CacheProperties.class)
public class ChangeNotices implements SmartLifecycle {
    static final String CHANNEL = "parley_changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeNotices.class);

    private final JdbcClient jdbc;
    private final CacheProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final NoticeListener listener;
    private final Map<String, List<SharedCache<?, ?>>> caches = new ConcurrentHashMap<>();
    /** This instance's key for the notices of the current transaction (two nodes may share a JVM in tests). */
    private final Object transactionKey = new Object();

    private volatile boolean listening;

    ChangeNotices(
            DataSource dataSource, JdbcClient jdbc, CacheProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.listener = new NoticeListener(dataSource, CHANNEL, this::dispatch, this::connected, this::lost);
        Gauge.builder("parley.cache.listening", () -> listening ? 1 : 0)
                .description("1 while this node hears change notices (its caches are used), else 0")
                .register(meters);
    }

    /** A new cache of {@code topic}'s things, forgotten when someone announces a change of the topic. */
    public <K, V> SharedCache<K, V> cache(String topic) {
        return cache(topic, topic);
    }

    /** As {@link #cache(String)}, with its own name in metrics when a topic has several caches. */
    public <K, V> SharedCache<K, V> cache(String topic, String name) {
        Notice.all(topic); // checks the name
        SharedCache<K, V> cache = new SharedCache<>(topic, name, properties, clock, meters, this::usable);
        caches.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(cache);
        return cache;
    }

    /**
     * The thing {@code key} of {@code topic} changed (or was created or deleted). Inside a transaction the notice is
     * sent with it (delivered only if it commits) and the rest of the transaction reads past every cache; outside
     * one, at once. Call it right after the writing statement.
     */
    public void announce(String topic, Object key) {
        send(Notice.of(topic, key));
    }

    /** Anything of {@code topic} may have changed (a plan every organization on it uses, a cascade). */
    public void announceAll(String topic) {
        send(Notice.all(topic));
    }

    /** True while this node hears every notice, so its caches may answer. */
    public boolean listening() {
        return listening;
    }

    private void send(Notice notice) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            notify(notice); // a failure fails the transaction: no change commits unannounced
            announcedInTransaction().add(notice);
            return;
        }
        try {
            notify(notice);
        } catch (RuntimeException e) {
            // The change itself is committed; other nodes keep the old value until their entries' time to live.
            log.warn(
                    "Change notice for {} not sent: {}",
                    notice.topic(),
                    e.getClass().getSimpleName());
        }
        apply(notice);
    }

    private void notify(Notice notice) {
        jdbc.sql("select pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", notice.payload())
                .query((rs, n) -> 1)
                .list();
    }

    @SuppressWarnings("unchecked")
    private List<Notice> announcedInTransaction() {
        List<Notice> pending = (List<Notice>) TransactionSynchronizationManager.getResource(transactionKey);
        if (pending != null) {
            return pending;
        }
        List<Notice> created = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(transactionKey, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            // A transaction started inside this one (REQUIRES_NEW) keeps notices of its own.
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(transactionKey, created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
                // Rolled back: nothing changed, and nothing was cached meanwhile; forgetting costs one read.
                created.forEach(ChangeNotices.this::apply);
            }
        });
        return created;
    }

    /**
     * Whether a cache may answer now: enabled, this node hears every notice, and the current transaction neither
     * announced a change (it would see its own uncommitted rows) nor reads an older snapshot than the latest commit.
     */
    private boolean usable() {
        if (!listening) {
            return false;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return true;
        }
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        return TransactionSynchronizationManager.getResource(transactionKey) == null
                && (isolation == null || isolation <= TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    void dispatch(String payload) {
        Notice notice = Notice.parse(payload);
        if (notice != null) {
            apply(notice);
        }
    }

    private void apply(Notice notice) {
        for (SharedCache<?, ?> cache : caches.getOrDefault(notice.topic(), List.of())) {
            if (notice.all()) {
                cache.invalidateAll();
            } else {
                cache.invalidate(notice.key());
            }
        }
    }

    private void connected() {
        clearAll(); // whatever was announced while nobody listened is forgotten now
        listening = true;
        log.info("Listening for change notices; caches of admin settings are in use");
    }

    private void lost() {
        listening = false;
        clearAll();
    }

    private void clearAll() {
        caches.values().forEach(list -> list.forEach(SharedCache::invalidateAll));
    }

    /** The listening connection's PostgreSQL backend, 0 while there is none (tests cut it). */
    int listenerBackendPid() {
        return listener.backendPid();
    }

    @Override
    public void start() {
        listener.start("change-notices");
    }

    @Override
    public void stop() {
        listener.stop();
        listening = false;
    }

    @Override
    public boolean isRunning() {
        return listener.running();
    }
}
