package io.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.EdgeTestSupport;
import org.junit.jupiter.api.Test;

/** {@code PARLEY_METRICS_PUBLIC=true} (on in this context) opens {@code /actuator/prometheus} to a scraper without a token. */
class PublicMetricsIntegrationTest extends EdgeTestSupport {

    @Test
    void should_serve_metrics_without_a_token_when_metrics_are_public() {
        Api.Response scrape = api.withToken(null).get("/actuator/prometheus");

        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }
}
