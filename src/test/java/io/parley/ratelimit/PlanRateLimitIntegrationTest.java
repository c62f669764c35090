package io.parley.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import org.junit.jupiter.api.Test;

/** An organization's own per-contact rate (plan or override) throttles below the node's default of 60 an hour. */
class PlanRateLimitIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_throttle_at_the_organizations_rate_when_it_is_stricter_than_the_nodes() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        Api.Response limits = api.patch(
                "/api/v1/organizations/" + bot.organizationId() + "/limits", "{\"ratePerHourPerContact\": 3}");
        assertThat(limits.status()).as(limits.body()).isEqualTo(200);

        RateLimitScenario.run(api, jdbc, time, bot);
    }
}
