package io.parley.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BucketStore} must do (docs/contracts.md, "BucketStore"): a key's bucket holds {@code perHour}
 * tokens, refills greedily over the hour by the store's clock and never beyond {@code perHour}; keys and limits never
 * share a bucket. Time is moved on a {@link SettableClock}, never waited for. Keys are random per test, so a store
 * that outlives the test (Redis) starts each test with fresh buckets.
 */
public abstract class BucketStoreContract {
    protected final SettableClock clock = SettableClock.running();
    private BucketStore store;

    /** A store whose buckets refill by {@code clock}. Closed after the test if it is {@link AutoCloseable}. */
    protected abstract BucketStore newStore(Clock clock);

    @BeforeEach
    void openStore() {
        store = newStore(clock);
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void should_allow_as_many_messages_as_the_hourly_limit() {
        assertThat(consume(newKey(), 5, 5)).containsOnly(true);
    }

    @Test
    void should_refuse_every_message_beyond_the_limit_while_time_stands_still() {
        assertThat(consume(newKey(), 3, 6)).containsExactly(true, true, true, false, false, false);
    }

    @Test
    void should_give_back_one_token_when_its_share_of_the_hour_has_passed() {
        String key = newKey();
        consume(key, 2, 3);

        clock.advance(Duration.ofMinutes(31));

        assertThat(consume(key, 2, 2)).containsExactly(true, false);
    }

    @Test
    void should_refill_to_the_limit_and_no_further_after_a_long_pause() {
        String key = newKey();
        consume(key, 3, 4);

        clock.advance(Duration.ofHours(5));

        assertThat(consume(key, 3, 4)).containsExactly(true, true, true, false);
    }

    @Test
    void should_keep_each_keys_bucket_to_itself() {
        String spent = newKey();
        String other = newKey();
        consume(spent, 2, 3);

        assertThat(consume(other, 2, 3)).containsExactly(true, true, false);
        assertThat(store.tryConsume(spent, 2)).isFalse();
    }

    @Test
    void should_start_a_full_bucket_when_the_limit_of_a_key_changes() {
        String key = newKey();
        consume(key, 2, 3);

        assertThat(consume(key, 4, 5)).containsExactly(true, true, true, true, false);
    }

    private List<Boolean> consume(String key, long perHour, int times) {
        return IntStream.range(0, times)
                .mapToObj(i -> store.tryConsume(key, perHour))
                .toList();
    }

    private static String newKey() {
        return "contact:" + UUID.randomUUID();
    }
}
