package io.parley.channels.whatsapp.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.delivery.SendOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GraphOutcomesTest {

    /** What a failed send should become: retried later, or rejected for good (alerting an operator or not). */
    record Expected(Class<? extends SendOutcome> outcome, String code, boolean alert) {
        static Expected retry(String code) {
            return new Expected(SendOutcome.RetryLater.class, code, false);
        }

        static Expected unconfirmed(String code) {
            return new Expected(SendOutcome.Unconfirmed.class, code, false);
        }

        static Expected rejected(String code) {
            return new Expected(SendOutcome.Rejected.class, code, false);
        }

        static Expected alert(String code) {
            return new Expected(SendOutcome.Rejected.class, code, true);
        }
    }

    private static final java.util.Set<String> THROTTLING = java.util.Set.of("130429", "131056", "80007", "4");

    static Stream<Arguments> failures() {
        return Stream.of(
                // Throttling, by status or by Meta code (Meta answers several of these with a 400).
                failure("429 without a body", 429, null, Expected.retry("http_429")),
                failure("429 throughput 130429", 429, 130429, Expected.retry("130429")),
                failure("400 throughput 130429", 400, 130429, Expected.retry("130429")),
                failure("400 pair rate limit 131056", 400, 131056, Expected.retry("131056")),
                failure("400 WABA rate limit 80007", 400, 80007, Expected.retry("80007")),
                failure("400 app rate limit 4", 400, 4, Expected.retry("4")),
                // The server or the way there failed.
                failure("500 with Meta's 131000", 500, 131000, Expected.retry("131000")),
                failure("502", 502, null, Expected.retry("http_502")),
                failure("503", 503, null, Expected.retry("http_503")),
                failure("504", 504, null, Expected.retry("http_504")),
                failure("408", 408, null, Expected.retry("http_408")),
                // Refused before the request left: plain retry. After it may have reached Meta: unconfirmed.
                io("connection refused", new ConnectException("Connection refused"), Expected.retry("connect_failed")),
                io(
                        "connect timeout",
                        new HttpConnectTimeoutException("connect timed out"),
                        Expected.retry("connect_failed")),
                io("connection reset", new IOException("Connection reset"), Expected.unconfirmed("network_error")),
                io("request timeout", new HttpTimeoutException("request timed out"), Expected.unconfirmed("timeout")),
                // Credentials: an operator must act.
                failure("401 without a body", 401, null, Expected.alert("http_401")),
                failure("401 expired token 190", 401, 190, Expected.alert("190")),
                failure("403 permission 200", 403, 200, Expected.alert("200")),
                failure("400 expired token 190", 400, 190, Expected.alert("190")),
                failure("400 permission 10", 400, 10, Expected.alert("10")),
                // The message itself cannot go out; retrying would fail the same way.
                failure("400 invalid parameter 100", 400, 100, Expected.rejected("100")),
                failure("400 undeliverable 131026", 400, 131026, Expected.rejected("131026")),
                failure("400 outside the 24h window 131047", 400, 131047, Expected.rejected("131047")),
                failure("400 without a body", 400, null, Expected.rejected("http_400")),
                failure("404", 404, null, Expected.rejected("http_404")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void should_retry_only_what_can_succeed_later_and_alert_on_credentials_when_a_send_fails(
            String failure, Supplier<SendOutcome> classify, Expected expected) {
        SendOutcome outcome = classify.get();

        assertThat(outcome).isInstanceOf(expected.outcome());
        switch (outcome) {
            case SendOutcome.RetryLater retry -> {
                assertThat(retry.code()).isEqualTo(expected.code());
                assertThat(retry.throttled()).as("throttled").isEqualTo(THROTTLING.contains(retry.code()));
            }
            case SendOutcome.Unconfirmed unconfirmed ->
                assertThat(unconfirmed.code()).isEqualTo(expected.code());
            case SendOutcome.Rejected rejected -> {
                assertThat(rejected.code()).isEqualTo(expected.code());
                assertThat(rejected.alert()).as("alert").isEqualTo(expected.alert());
            }
            case SendOutcome.Sent sent -> throw new AssertionError("A failure became " + sent);
        }
    }

    private static Arguments failure(String name, int status, Integer metaCode, Expected expected) {
        GraphError error = metaCode == null ? null : new GraphError(metaCode, "simulated " + name, null);
        Supplier<SendOutcome> classify = () -> GraphOutcomes.forFailure(status, error, null);
        return Arguments.of(name, classify, expected);
    }

    private static Arguments io(String name, IOException failure, Expected expected) {
        Supplier<SendOutcome> classify = () -> GraphOutcomes.forIoFailure(failure);
        return Arguments.of(name, classify, expected);
    }
}
