package io.parley.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedCacheTest {
    private final SettableClock clock = SettableClock.frozenAt(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicBoolean usable = new AtomicBoolean(true);
    private final AtomicInteger loads = new AtomicInteger();

    private SharedCache<String, String> cache(CacheProperties properties) {
        return new SharedCache<>("things", "things", properties, clock, new SimpleMeterRegistry(), usable::get);
    }

    private SharedCache<String, String> cache() {
        return cache(new CacheProperties(true, Duration.ofSeconds(60), 100));
    }

    private String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    @Test
    void should_read_the_database_once_while_nothing_changes() {
        SharedCache<String, String> cache = cache();

        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
        assertThat(cache.get("b", this::load)).isEqualTo("b#2");

        assertThat(loads).hasValue(2);
        assertThat(cache.hits()).isEqualTo(1.0);
        assertThat(cache.misses()).isEqualTo(2.0);
    }

    @Test
    void should_read_again_after_the_key_is_invalidated_and_keep_the_others() {
        SharedCache<String, String> cache = cache();
        cache.get("a", this::load);
        cache.get("b", this::load);

        cache.invalidate("a");

        assertThat(cache.get("a", this::load)).isEqualTo("a#3");
        assertThat(cache.get("b", this::load)).isEqualTo("b#2");
    }

    @Test
    void should_read_everything_again_after_invalidate_all() {
        SharedCache<String, String> cache = cache();
        cache.get("a", this::load);
        cache.get("b", this::load);

        cache.invalidateAll();

        assertThat(cache.get("a", this::load)).isEqualTo("a#3");
        assertThat(cache.get("b", this::load)).isEqualTo("b#4");
    }

    @Test
    void should_forget_an_entry_after_its_time_to_live() {
        SharedCache<String, String> cache = cache();
        cache.get("a", this::load);

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.get("a", this::load)).isEqualTo("a#2");
    }

    @Test
    void should_bypass_the_cache_while_it_is_not_usable() {
        SharedCache<String, String> cache = cache();
        cache.get("a", this::load);
        usable.set(false);

        assertThat(cache.get("a", this::load)).isEqualTo("a#2");
        assertThat(cache.get("a", this::load)).isEqualTo("a#3");
        assertThat(cache.size())
                .isEqualTo(1); // kept, but not answered from (the owner clears it when it stops hearing)
    }

    @Test
    void should_not_keep_a_load_that_an_invalidation_overtook() {
        SharedCache<String, String> cache = cache();

        // The loader read the old row; the change committed and was announced before the load finished.
        String loaded = cache.get("a", key -> {
            String old = load(key);
            cache.invalidate(key);
            return old;
        });

        assertThat(loaded).isEqualTo("a#1");
        assertThat(cache.get("a", this::load)).isEqualTo("a#2");
    }

    @Test
    void should_not_keep_a_load_that_a_listener_loss_overtook() {
        SharedCache<String, String> cache = cache();

        cache.get("a", key -> {
            String old = load(key);
            usable.set(false);
            return old;
        });
        usable.set(true);

        assertThat(cache.get("a", this::load)).isEqualTo("a#2");
    }

    @Test
    void should_never_cache_null() {
        SharedCache<String, String> cache = cache();

        assertThat(cache.get("a", key -> null)).isNull();
        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    }

    @Test
    void should_always_read_the_database_when_disabled() {
        SharedCache<String, String> cache = cache(new CacheProperties(false, Duration.ofSeconds(60), 100));

        cache.get("a", this::load);
        cache.get("a", this::load);

        assertThat(loads).hasValue(2);
    }

    @Test
    void should_keep_at_most_max_entries() {
        SharedCache<String, String> cache = cache(new CacheProperties(true, Duration.ofSeconds(60), 10));

        for (int i = 0; i < 100; i++) {
            cache.get("k" + i, this::load);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }
}
