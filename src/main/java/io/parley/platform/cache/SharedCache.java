package io.parley.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A node's cache of one topic's things by id (ADR 50), forgotten on every node when a change is announced through
 * {@link ChangeNotices}. Bounded, with a time to live as the last net. Values must be immutable: every caller gets
 * the same instance. A value is returned from the cache only while this node hears every notice; otherwise, and
 * inside a transaction that announced a change (it may read its own uncommitted rows), the loader reads the database
 * and nothing is kept.
 *
 * <p>A load that an invalidation overtakes is not kept: the loader may have read the row before the change
 * committed. Every invalidation moves a generation before removing the key, and a load puts its value first and then
 * takes it back if the generation moved meanwhile; either the load sees the move or the removal comes after the put.
 *
 * @param <K> the id; its {@code toString()} is the key announced across nodes
 * @param <V> what is cached; null is never cached (use {@code Optional} to cache "not found")
 */
public final class SharedCache<K, V> {
    private final String topic;
    private final Cache<String, V> entries;
    private final BooleanSupplier usable;
    private final AtomicLong generation = new AtomicLong();
    private final Counter hits;
    private final Counter misses;

    SharedCache(
            String topic,
            String name,
            CacheProperties properties,
            Clock clock,
            MeterRegistry meters,
            BooleanSupplier usable) {
        this.topic = topic;
        this.usable = properties.enabled() ? usable : () -> false;
        this.entries = Caffeine.newBuilder()
                .maximumSize(properties.maxEntries())
                .expireAfterWrite(properties.ttl())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.hits = Counter.builder("parley.cache.hits")
                .tag("cache", name)
                .description("Reads answered from a node's cache of admin settings")
                .register(meters);
        this.misses = Counter.builder("parley.cache.misses")
                .tag("cache", name)
                .description("Reads of admin settings that went to the database (not cached, or cache not usable)")
                .register(meters);
    }

    /** The topic whose notices invalidate this cache. */
    public String topic() {
        return topic;
    }

    /** The cached value, or {@code loader}'s (kept when it is not null and the cache is usable). */
    public V get(K key, Function<? super K, ? extends V> loader) {
        Objects.requireNonNull(key, "key");
        if (!usable.getAsBoolean()) {
            misses.increment();
            return loader.apply(key);
        }
        String id = key.toString();
        V cached = entries.getIfPresent(id);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        long seen = generation.get();
        V loaded = loader.apply(key);
        if (loaded != null && usable.getAsBoolean()) {
            entries.put(id, loaded);
            if (generation.get() != seen) {
                entries.asMap().remove(id, loaded);
            }
        }
        return loaded;
    }

    /** Forgets one key on this node only (other nodes learn of a change through {@link ChangeNotices#announce}). */
    public void invalidate(Object key) {
        generation.incrementAndGet();
        entries.invalidate(key.toString());
    }

    /** Forgets everything on this node only. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    /** Entries held now (tests, metrics). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    double hits() {
        return hits.count();
    }

    double misses() {
        return misses.count();
    }
}
