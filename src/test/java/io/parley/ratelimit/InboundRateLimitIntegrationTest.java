package io.parley.ratelimit;

import io.parley.testing.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Rate limits on one node (no Redis), with the per-contact limit shrunk to 3 an hour. */
@TestPropertySource(properties = "parley.ratelimit.per-contact-per-hour=3")
class InboundRateLimitIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_store_but_not_answer_messages_over_the_contact_limit_and_leave_other_contacts_alone() {
        RateLimitScenario.run(api, jdbc, time);
    }
}
