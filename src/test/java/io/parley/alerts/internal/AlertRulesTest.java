package io.parley.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.SystemEvent;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertRulesTest {

    @ParameterizedTest
    @CsvSource({
        "200, sent, false",
        "204, sent, false",
        "408, failed, true",
        "429, failed, true",
        "500, failed, true",
        "503, failed, true",
        "400, failed, false",
        "401, failed, false",
        "403, failed, false",
        "404, failed, false"
    })
    void should_map_http_status_to_an_outcome(int status, String kind, boolean retriable) {
        SinkOutcome outcome = SinkOutcome.ofHttpStatus(status);
        if (kind.equals("sent")) {
            assertThat(outcome).isInstanceOf(SinkOutcome.Sent.class);
        } else {
            assertThat(outcome).isEqualTo(new SinkOutcome.Failed("http_" + status, retriable));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "warn,  '',                       warn,     delivery.failed,       true",
        "warn,  '',                       info,     delivery.failed,       false",
        "error, '',                       critical, llm.error,             true",
        "info,  'delivery.*',             info,     delivery.failed,       true",
        "info,  'delivery.',              info,     delivery.failed,       true",
        "info,  'delivery.*',             info,     deliveryx.failed,      false",
        "info,  'llm.error',              info,     llm.error,             true",
        "info,  'llm.error',              info,     llm.error_other,       false",
        "info,  '*',                      info,     anything.at_all,       true",
        "info,  '*',                      critical, alert.delivery_failed, false",
        "info,  'alert.*',                critical, alert.delivery_failed, false",
        "info,  'tool.*;whatsapp.*',      warn,     whatsapp.signature,    true"
    })
    void should_accept_events_at_or_above_the_level_matching_a_type_pattern_but_never_alert_events(
            String minLevel, String types, String level, String type, boolean accepted) {
        AlertSink sink = new AlertSink(
                UUID.randomUUID(),
                new OrganizationId(UUID.randomUUID()),
                AlertSink.Type.EMAIL,
                null,
                null,
                "ops@acme.test",
                null,
                SystemEvent.Level.valueOf(minLevel.toUpperCase()),
                types.isEmpty() ? List.of() : List.of(types.split(";")),
                Instant.now());

        assertThat(sink.accepts(SystemEvent.of(SystemEvent.Level.valueOf(level.toUpperCase()), type)
                        .build()))
                .isEqualTo(accepted);
    }

    @org.junit.jupiter.api.Test
    void should_sign_with_hex_hmac_sha256() {
        // The published HMAC-SHA256 test vector for key "key".
        assertThat(WebhookTransport.sign("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
