package io.parley.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The account bucket's promise, on a simulated clock: never more than the rate in any one-second window. */
class PacerBucketTest {

    @ParameterizedTest(name = "{0} msg/s")
    @ValueSource(ints = {1, 5, 20, 80, 250, 1000})
    void should_never_allow_more_than_the_rate_in_any_one_second_window_while_sending_as_fast_as_allowed(int rate) {
        AtomicLong nanos = new AtomicLong();
        TimeMeter clock = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        Bucket bucket = Bucket.builder().addLimit(Pacer.accountConfig(rate).getBandwidths()[0])
                .withCustomTimePrecision(clock).build();
        List<Long> sentAtMillis = new ArrayList<>();
        for (long millis = 0; millis < 10_000; millis++) {
            nanos.set(millis * 1_000_000);
            while (bucket.tryConsume(1)) {
                sentAtMillis.add(millis);
            }
        }

        int busiest = 0;
        for (int first = 0, last = 0; first < sentAtMillis.size(); first++) {
            while (last < sentAtMillis.size() && sentAtMillis.get(last) - sentAtMillis.get(first) < 1000) {
                last++;
            }
            busiest = Math.max(busiest, last - first);
        }
        assertThat(busiest).as("most sends in one second").isLessThanOrEqualTo(Math.max(rate, 2));
        assertThat(sentAtMillis.size()).as("sustained throughput over 10 s").isGreaterThanOrEqualTo(rate * 8);
    }
}
