package io.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
    /** The jitter's extremes: the lowest draw takes the full jitter off, the highest adds it. */
    private static final RandomGenerator LOWEST = draws(0.0);

    private static final RandomGenerator HIGHEST = draws(Math.nextDown(1.0));

    @Test
    void should_wait_about_one_two_and_four_seconds_when_retrying_with_the_seed_default() {
        RetryPolicy policy = RetryPolicy.SEED_DEFAULT;
        long[] expected = {1_000, 2_000, 4_000};

        for (int retry = 1; retry <= 3; retry++) {
            int thisRetry = retry;
            long nominal = expected[retry - 1];
            assertThat(policy.delayBefore(retry, null, LOWEST)).isEqualTo(Duration.ofMillis(nominal * 8 / 10));
            assertThat(policy.delayBefore(retry, null, HIGHEST)).isEqualTo(Duration.ofMillis(nominal * 12 / 10));
            RandomGenerator random = new SplittableRandom(retry);
            long[] delays = IntStream.range(0, 500)
                    .mapToLong(i -> policy.delayBefore(thisRetry, null, random).toMillis())
                    .toArray();
            assertThat(Arrays.stream(delays).min().orElseThrow()).isGreaterThanOrEqualTo(nominal * 8 / 10);
            assertThat(Arrays.stream(delays).max().orElseThrow()).isLessThanOrEqualTo(nominal * 12 / 10);
            // Spread, not lockstep: many failures at once must not all retry at the same instant.
            assertThat(Arrays.stream(delays).distinct().count()).isGreaterThan(50);
        }
    }

    @Test
    void should_allow_three_retries_and_refuse_the_fourth_when_using_the_seed_default() {
        assertThat(RetryPolicy.SEED_DEFAULT.allows(1)).isTrue();
        assertThat(RetryPolicy.SEED_DEFAULT.allows(3)).isTrue();
        assertThat(RetryPolicy.SEED_DEFAULT.allows(4)).isFalse();
    }

    @Test
    void should_wait_for_the_provider_hint_when_it_is_longer_than_the_backoff() {
        Duration hinted = RetryPolicy.SEED_DEFAULT.delayBefore(1, Duration.ofSeconds(30), HIGHEST);
        Duration unhinted = RetryPolicy.SEED_DEFAULT.delayBefore(1, Duration.ofMillis(100), LOWEST);

        assertThat(hinted).isEqualTo(Duration.ofSeconds(30));
        assertThat(unhinted).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void should_never_wait_longer_than_the_cap_when_the_backoff_or_the_hint_exceed_it() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, 0.2, Duration.ofSeconds(5));

        assertThat(policy.delayBefore(3, null, HIGHEST)).isEqualTo(Duration.ofMillis(4_800));
        assertThat(policy.delayBefore(3, null, LOWEST)).isEqualTo(Duration.ofMillis(3_200));
        assertThat(policy.delayBefore(4, null, LOWEST)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayBefore(1, Duration.ofHours(1), LOWEST)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.SEED_DEFAULT.delayBefore(2, Duration.ofDays(1), LOWEST))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void should_wait_exactly_the_cap_when_the_backoff_grows_beyond_any_number() {
        // Past a thousand doublings the backoff is infinite; it must still end at the cap, not at zero.
        for (int retry : new int[] {60, 1_100, 5_000}) {
            assertThat(RetryPolicy.SEED_DEFAULT.delayBefore(retry, null, LOWEST))
                    .as("retry %d", retry)
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(RetryPolicy.SEED_DEFAULT.delayBefore(retry, null, HIGHEST))
                    .as("retry %d", retry)
                    .isEqualTo(Duration.ofMinutes(5));
        }
    }

    static Stream<Arguments> invalidPolicies() {
        Duration second = Duration.ofSeconds(1);
        Duration minute = Duration.ofMinutes(1);
        return Stream.of(
                Arguments.of("maxRetries", (ThrowingSupplier<RetryPolicy>)
                        () -> new RetryPolicy(-1, second, 2.0, 0.2, minute)),
                Arguments.of(
                        "factor", (ThrowingSupplier<RetryPolicy>) () -> new RetryPolicy(3, second, 0.5, 0.2, minute)),
                Arguments.of("factor", (ThrowingSupplier<RetryPolicy>)
                        () -> new RetryPolicy(3, second, Double.NaN, 0.2, minute)),
                Arguments.of(
                        "jitter", (ThrowingSupplier<RetryPolicy>) () -> new RetryPolicy(3, second, 2.0, -0.1, minute)),
                Arguments.of(
                        "jitter", (ThrowingSupplier<RetryPolicy>) () -> new RetryPolicy(3, second, 2.0, 1.5, minute)),
                Arguments.of("jitter", (ThrowingSupplier<RetryPolicy>)
                        () -> new RetryPolicy(3, second, 2.0, Double.NaN, minute)),
                Arguments.of(
                        "firstDelay", (ThrowingSupplier<RetryPolicy>) () -> new RetryPolicy(3, null, 2.0, 0.2, minute)),
                Arguments.of("firstDelay", (ThrowingSupplier<RetryPolicy>)
                        () -> new RetryPolicy(3, second.negated(), 2.0, 0.2, minute)),
                Arguments.of(
                        "maxDelay", (ThrowingSupplier<RetryPolicy>) () -> new RetryPolicy(3, second, 2.0, 0.2, null)),
                Arguments.of("maxDelay", (ThrowingSupplier<RetryPolicy>)
                        () -> new RetryPolicy(3, second, 2.0, 0.2, minute.negated())));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("invalidPolicies")
    void should_reject_the_policy_naming_the_argument_when_an_argument_is_invalid(
            String argument, ThrowingSupplier<RetryPolicy> policy) {
        assertThatThrownBy(policy::get)
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .hasMessageContaining(argument);
    }

    private static RandomGenerator draws(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is drawn");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
