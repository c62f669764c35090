package io.parley.conversation;

import io.parley.platform.ConversationId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A turn's reply as it is being written, across nodes: PostgreSQL {@code LISTEN/NOTIFY} on one channel, one listening
 * connection per node dispatching to local subscribers by conversation (ADR 36). A client that streams announces it
 * ({@link #subscribe}), so only turns somebody follows publish tokens. Everything here is best-effort: a lost
 * notification costs a preview, never a reply (the stored message is what clients are finally sent). Notifications
 * carry text, so nothing here logs a payload.
 */
@Service
public class ReplyDeltas implements SmartLifecycle {
    static final String CHANNEL = "parley_reply_deltas";
    /** NOTIFY refuses payloads of 8000 bytes; a char escapes to at most 6 bytes of JSON, so pieces stay below. */
    static final int MAX_PIECE_CHARS = 1000;

    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    private static final int RECEIVE_TIMEOUT_MS = 500;
    private static final Logger log = LoggerFactory.getLogger(ReplyDeltas.class);

    /** What a subscriber hears: a piece of text, or the end of the turn's stream. */
    public sealed interface Delta permits Text, End {}

    public record Text(String text) implements Delta {}

    public record End() implements Delta {}

    /** Ends a subscription; closing twice is harmless. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<UUID, Set<Consumer<Delta>>> subscribers = new ConcurrentHashMap<>();
    /** Conversations a client on any node follows, until when (announced through the channel itself). */
    private final Map<UUID, Instant> followed = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread listener;

    ReplyDeltas(DataSource dataSource, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Follows the conversation's reply for up to {@code duration}: every node learns that its turns should publish
     * tokens, and this node hands them to {@code sink} (on its listener thread: the sink must not block).
     */
    public Subscription subscribe(ConversationId conversation, Duration duration, Consumer<Delta> sink) {
        UUID id = conversation.value();
        subscribers.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(sink);
        follow(conversation, duration);
        return () -> subscribers.computeIfPresent(id, (k, set) -> {
            set.remove(sink);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Makes the conversation's turns stream for up to {@code duration}, before anyone {@link #subscribe}s: called in
     * the transaction that stores a message whose turn may start at once, so the turn already knows it is followed
     * (the announcement to other nodes goes out when that transaction commits).
     */
    public void follow(ConversationId conversation, Duration duration) {
        UUID id = conversation.value();
        Instant until = clock.instant().plus(duration);
        followed.merge(id, until, (a, b) -> a.isAfter(b) ? a : b); // this node's turns need not wait for the echo
        notify(Map.of("k", "follow", "c", id.toString(), "until", until.toEpochMilli()));
    }

    /** True when a client somewhere follows the conversation, so its turn should stream. */
    public boolean followed(ConversationId conversation) {
        Instant until = followed.get(conversation.value());
        return until != null && until.isAfter(clock.instant());
    }

    /** Publishes a piece of the reply being written. */
    public void publish(ConversationId conversation, String text) {
        for (int start = 0; start < text.length(); ) {
            int end = Math.min(text.length(), start + MAX_PIECE_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            notify(Map.of("k", "text", "c", conversation.value().toString(), "t", text.substring(start, end)));
            start = end;
        }
    }

    /** The turn's model call ended (answered or not): subscribers stop waiting for more text. */
    public void end(ConversationId conversation) {
        notify(Map.of("k", "end", "c", conversation.value().toString()));
    }

    private void notify(Map<String, Object> payload) {
        try {
            jdbc.sql("select pg_notify(:channel, :payload)")
                    .param("channel", CHANNEL)
                    .param("payload", json.writeValueAsString(payload))
                    .query((rs, n) -> 1)
                    .list();
        } catch (RuntimeException e) {
            log.warn("Reply delta not published: {}", e.getClass().getSimpleName());
        }
    }

    void dispatch(String payload) {
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (RuntimeException e) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(node.path("c").asString(""));
        } catch (IllegalArgumentException e) {
            return;
        }
        switch (node.path("k").asString("")) {
            case "follow" -> {
                Instant until = Instant.ofEpochMilli(node.path("until").asLong(0));
                followed.merge(id, until, (a, b) -> a.isAfter(b) ? a : b);
                Instant now = clock.instant();
                followed.values().removeIf(t -> t.isBefore(now));
            }
            case "text" -> deliver(id, new Text(node.path("t").asString("")));
            case "end" -> deliver(id, new End());
            default -> {}
        }
    }

    private void deliver(UUID id, Delta delta) {
        for (Consumer<Delta> sink : subscribers.getOrDefault(id, Set.of())) {
            try {
                sink.accept(delta);
            } catch (RuntimeException e) {
                log.warn("Reply delta subscriber failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                listening = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(RECEIVE_TIMEOUT_MS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                log.warn(
                        "Reply delta listener lost its connection ({}); reconnecting",
                        e.getClass().getSimpleName());
                try {
                    Thread.sleep(RECONNECT_PAUSE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** True while this node's connection listens (what it misses meanwhile is lost: deltas are best-effort). */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("reply-deltas").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        Thread thread = listener;
        if (thread != null) {
            try {
                thread.join(RECEIVE_TIMEOUT_MS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
