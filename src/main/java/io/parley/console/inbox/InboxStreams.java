package io.parley.console.inbox;

import io.parley.conversation.ConversationInbox;
import io.parley.conversation.InboxChange;
import io.parley.platform.OrganizationId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live inbox of this node: the open streams by organization and one poller that, once a second, asks the
 * database which conversations of those organizations changed ({@code conversations.changed_at}, one indexed query
 * per node whatever the number of streams; none while no stream is open) and tells each stream of the organization
 * how many did ({@code event: inbox}). A stream holds no database connection. Changes are read back a few seconds
 * ({@link #MARGIN}) so a transaction that commits late is not missed; what was already told is not told again.
 * A stream lasts {@link #LIFETIME} (the browser reconnects through the session filter, so a session that ended
 * gets no new stream) and every stream is completed when the application stops.
 */
@Component
class InboxStreams implements SmartLifecycle {
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final Duration MARGIN = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);
    private static final int MAX_CHANGES = 5_000;
    private static final Logger log = LoggerFactory.getLogger(InboxStreams.class);

    private final ConversationInbox inbox;
    private final Map<OrganizationId, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Map<String, Instant> told = new HashMap<>();
    private volatile Instant watermark;
    private volatile ScheduledExecutorService poller;
    private long lastHeartbeatNanos = System.nanoTime();

    InboxStreams(ConversationInbox inbox) {
        this.inbox = inbox;
    }

    /** Opens a stream of the organization's changes; the first of a quiet node starts reading changes from now. */
    SseEmitter open(OrganizationId organization) {
        if (!isRunning()) {
            throw new IllegalStateException("The live inbox is stopped");
        }
        if (watermark == null) {
            synchronized (this) {
                if (watermark == null) {
                    watermark = inbox.now().minus(MARGIN);
                }
            }
        }
        SseEmitter emitter = new SseEmitter(LIFETIME.toMillis());
        Set<SseEmitter> set = streams.computeIfAbsent(organization, o -> ConcurrentHashMap.newKeySet());
        set.add(emitter);
        Runnable remove = () -> close(organization, emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(() -> {
            remove.run();
            emitter.complete();
        });
        emitter.onError(e -> remove.run());
        send(organization, emitter, SseEmitter.event().comment("open"));
        return emitter;
    }

    int openStreams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private void close(OrganizationId organization, SseEmitter emitter) {
        streams.computeIfPresent(organization, (o, set) -> {
            set.remove(emitter);
            return set.isEmpty() ? null : set;
        });
    }

    /** One round: the changes since the watermark, each told once to its organization's streams. */
    void poll() {
        if (streams.isEmpty()) {
            watermark = null;
            told.clear();
            return;
        }
        Instant since = watermark;
        if (since == null) {
            return;
        }
        List<InboxChange> changes = inbox.changedSince(List.copyOf(streams.keySet()), since.minus(MARGIN), MAX_CHANGES);
        Map<OrganizationId, Integer> changedPerOrganization = new HashMap<>();
        Instant newest = since;
        for (InboxChange change : changes) {
            String key = change.conversationId().value() + "@" + change.changedAt();
            if (told.putIfAbsent(key, change.changedAt()) == null) {
                changedPerOrganization.merge(change.organizationId(), 1, Integer::sum);
            }
            if (change.changedAt().isAfter(newest)) {
                newest = change.changedAt();
            }
        }
        watermark = newest;
        Instant forget = newest.minus(MARGIN.multipliedBy(2));
        told.values().removeIf(at -> at.isBefore(forget));
        changedPerOrganization.forEach((organization, count) -> tell(organization, count));
        heartbeat();
    }

    private void tell(OrganizationId organization, int changed) {
        for (SseEmitter emitter : List.copyOf(streams.getOrDefault(organization, Set.of()))) {
            send(organization, emitter, SseEmitter.event().name("inbox").data(Integer.toString(changed)));
        }
    }

    private void heartbeat() {
        long now = System.nanoTime();
        if (now - lastHeartbeatNanos < HEARTBEAT.toNanos()) {
            return;
        }
        lastHeartbeatNanos = now;
        streams.forEach((organization, set) -> List.copyOf(set)
                .forEach(emitter ->
                        send(organization, emitter, SseEmitter.event().comment("beat"))));
    }

    private void send(OrganizationId organization, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            close(organization, emitter);
            emitter.completeWithError(e);
        }
    }

    private void safePoll() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Live inbox poll failed; trying again in a second: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "inbox-poller");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::safePoll, 1, 1, TimeUnit.SECONDS);
        poller = executor;
    }

    /** Stops polling and completes every stream, before the web server's graceful shutdown waits for requests. */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService executor = poller;
        poller = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        List<SseEmitter> open = new ArrayList<>();
        streams.values().forEach(open::addAll);
        streams.clear();
        open.forEach(SseEmitter::complete);
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
