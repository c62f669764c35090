package io.parley.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Redis configured but unreachable (nothing listens on port 1): local buckets still limit, one event says so. */
@TestPropertySource(
        properties = {"parley.ratelimit.per-contact-per-hour=3", "parley.ratelimit.redis-url=redis://127.0.0.1:1"})
class RedisFallbackIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_limit_with_local_buckets_and_record_one_event_when_redis_is_unreachable() {
        RateLimitScenario.run(api, jdbc, time);

        assertThat(jdbc.sql("select count(*) from system_events where type = :type")
                        .param("type", RateLimits.REDIS_UNAVAILABLE)
                        .query(Integer.class)
                        .single())
                .as("one event per outage, not one per message")
                .isEqualTo(1);
    }
}
