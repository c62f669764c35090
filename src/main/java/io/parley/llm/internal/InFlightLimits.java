package io.parley.llm.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.llm.LlmProperties;
import io.parley.llm.ModelException;
import io.parley.platform.egress.EgressHttp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The per-server bound on model calls open at once on this node ({@link LlmProperties}, ADR 51): a fair semaphore per
 * provider and server. A call that finds every place taken waits, in arrival order, up to
 * {@code max-in-flight-wait}, then fails as {@link ModelException.Kind#BUSY} without being sent. Waiting blocks only
 * the caller's virtual thread; it holds no database connection (the turn calls the model outside any transaction).
 *
 * <p>Meters per provider and server: gauges {@code parley.llm.in_flight} and {@code parley.llm.waiting}, counter
 * {@code parley.llm.busy} (calls refused after the wait).
 */
@Component
@EnableConfigurationProperties(LlmProperties.class)
public class InFlightLimits {
    private static final Logger log = LoggerFactory.getLogger(InFlightLimits.class);

    private final LlmProperties properties;
    private final MeterRegistry meters;
    private final Map<Key, Bound> bounds = new ConcurrentHashMap<>();

    public InFlightLimits(LlmProperties properties, MeterRegistry meters, EgressHttp egress) {
        this.properties = properties;
        this.meters = meters;
        if (properties.largestBound() > egress.maxConnections()) {
            // Model calls go through the egress pool: past its size the pool, not this setting, would bound them.
            log.warn(
                    "parley.llm.max-in-flight (or an override: {}) is above the egress connection pool ({}, "
                            + "parley.egress.max-connections): raise the pool too",
                    properties.largestBound(),
                    egress.maxConnections());
        }
    }

    /** Runs {@code call} holding one of the server's places; {@code server} null (no server) runs it unbounded. */
    public <T> T call(String provider, String server, Supplier<T> call) {
        if (server == null) {
            return call.get();
        }
        Bound bound = bounds.computeIfAbsent(new Key(provider, server), this::bound);
        bound.acquire(provider);
        try {
            return call.get();
        } finally {
            bound.permits.release();
        }
    }

    private Bound bound(Key key) {
        int max = properties.maxInFlight(key.provider(), key.server());
        Bound bound = new Bound(
                max,
                new Semaphore(max, true),
                new AtomicInteger(),
                Counter.builder("parley.llm.busy")
                        .description("Model calls not sent: no place free within parley.llm.max-in-flight-wait")
                        .tags("provider", key.provider(), "server", key.server())
                        .register(meters));
        Gauge.builder("parley.llm.in_flight", bound, b -> b.max - b.permits.availablePermits())
                .description("Model calls open to the server from this node")
                .tags("provider", key.provider(), "server", key.server())
                .register(meters);
        Gauge.builder("parley.llm.waiting", bound, b -> b.waiting.get())
                .description("Model calls waiting for a place (parley.llm.max-in-flight)")
                .tags("provider", key.provider(), "server", key.server())
                .register(meters);
        Gauge.builder("parley.llm.max_in_flight", bound, b -> b.max)
                .description("The bound on model calls open to the server from this node")
                .tags("provider", key.provider(), "server", key.server())
                .register(meters);
        return bound;
    }

    private record Key(String provider, String server) {}

    private final class Bound {
        private final int max;
        private final Semaphore permits;
        private final AtomicInteger waiting;
        private final Counter busy;

        private Bound(int max, Semaphore permits, AtomicInteger waiting, Counter busy) {
            this.max = max;
            this.permits = permits;
            this.waiting = waiting;
            this.busy = busy;
        }

        void acquire(String provider) {
            boolean acquired;
            try {
                // timed, even for "now": the untimed tryAcquire would overtake the calls already waiting
                if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy(provider, e);
            }
            waiting.incrementAndGet();
            try {
                acquired = permits.tryAcquire(properties.maxInFlightWait().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy(provider, e);
            } finally {
                waiting.decrementAndGet();
            }
            if (!acquired) {
                throw busy(provider, null);
            }
        }

        private ModelException busy(String provider, Throwable cause) {
            busy.increment();
            return new ModelException(
                    ModelException.Kind.BUSY,
                    provider,
                    null,
                    "This node already has " + max + " calls open to the model server and none ended within "
                            + properties.maxInFlightWait() + " (parley.llm.max-in-flight)",
                    cause);
        }
    }
}
