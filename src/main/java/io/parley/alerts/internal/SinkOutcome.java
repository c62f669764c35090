package io.parley.alerts.internal;

/** What one attempt to reach a sink came to. Transports return it; they do not throw. */
sealed interface SinkOutcome permits SinkOutcome.Sent, SinkOutcome.Failed {
    record Sent() implements SinkOutcome {}

    /** {@code error} is a short code or status, never a URL, address or secret. */
    record Failed(String error, boolean retriable) implements SinkOutcome {}

    /** 2xx sent; 408, 429 and 5xx worth retrying; any other status will not change by retrying. */
    static SinkOutcome ofHttpStatus(int status) {
        if (status / 100 == 2) {
            return new Sent();
        }
        return new Failed("http_" + status, status == 408 || status == 429 || status >= 500);
    }
}
