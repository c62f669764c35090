package io.parley.platform.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one connection that {@code LISTEN}s for change notices, reconnecting after a loss. It tells its owner
 * when it starts hearing ({@code connected}: after {@code LISTEN}, so nothing sent from then on is missed) and when
 * it may have stopped ({@code lost}: before reconnecting, so caches stop trusting themselves at once). A quiet
 * connection is probed now and then, since a connection cut without a reset may otherwise look fine for a long time.
 */
final class NoticeListener {
    private static final Logger log = LoggerFactory.getLogger(NoticeListener.class);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    private static final Duration PROBE_WHEN_QUIET = Duration.ofSeconds(10);
    private static final int PROBE_TIMEOUT_SECONDS = 5;
    private static final int RECEIVE_TIMEOUT_MS = 500;

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<String> dispatch;
    private final Runnable connected;
    private final Runnable lost;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile int backendPid;

    NoticeListener(
            DataSource dataSource, String channel, Consumer<String> dispatch, Runnable connected, Runnable lost) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.dispatch = dispatch;
        this.connected = connected;
        this.lost = lost;
    }

    void start(String threadName) {
        running = true;
        thread = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            try {
                listening.join(RECEIVE_TIMEOUT_MS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean running() {
        return running;
    }

    /** The PostgreSQL backend of the listening connection (0 while none): tests cut it to show a reconnect. */
    int backendPid() {
        return backendPid;
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn(
                        "Change notice listener lost its connection ({}); caches are bypassed until it reconnects",
                        e.getClass().getSimpleName());
            } finally {
                backendPid = 0;
                lost.run();
            }
            pause();
        }
    }

    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen " + channel);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        backendPid = pg.getBackendPID();
        connected.run();
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] received = pg.getNotifications(RECEIVE_TIMEOUT_MS);
            if (received != null && received.length > 0) {
                for (PGNotification notification : received) {
                    dispatch.accept(notification.getParameter());
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > PROBE_WHEN_QUIET.toNanos()) {
                if (!connection.isValid(PROBE_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection did not answer a probe");
                }
                quietSince = System.nanoTime();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("unlisten " + channel); // the connection goes back to the pool
        }
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(RECONNECT_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
