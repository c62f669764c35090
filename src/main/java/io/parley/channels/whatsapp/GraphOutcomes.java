package io.parley.channels.whatsapp;

import io.parley.delivery.SendOutcome;
import java.time.Duration;
import java.util.Set;

/**
 * The one place that turns a Graph API response into a delivery outcome. Throttling codes are retried even when
 * Meta answers them with a 400; credential errors need an operator; other client errors are final.
 */
final class GraphOutcomes {
    /** 4 app rate limit, 80007 WABA rate limit, 130429 throughput, 131056 pair rate limit. */
    private static final Set<Integer> THROTTLING = Set.of(4, 80007, 130429, 131056);
    /** 190 expired token, 10/200-299 permission errors. */
    private static final Set<Integer> CREDENTIALS = Set.of(190, 10);

    private GraphOutcomes() {
    }

    /**
     * Whether a Meta error code reported without an HTTP answer (a {@code failed} status webhook) is transient:
     * the throttling codes, as for a send request's answer.
     */
    static boolean transientCode(int code) {
        return THROTTLING.contains(code);
    }

    static SendOutcome forFailure(int httpStatus, GraphError error, Duration retryAfter) {
        Integer code = error == null ? null : error.code();
        String codeText = code == null ? "http_" + httpStatus : Integer.toString(code);
        String reason = error == null || error.message() == null ? "HTTP " + httpStatus : error.message();
        if (code != null && THROTTLING.contains(code)) {
            return new SendOutcome.RetryLater(codeText, reason, retryAfter, true);
        }
        if (httpStatus == 429 || httpStatus == 408 || httpStatus >= 500) {
            return new SendOutcome.RetryLater(codeText, reason, retryAfter);
        }
        boolean credentials = httpStatus == 401 || httpStatus == 403
                || (code != null && (CREDENTIALS.contains(code) || (code >= 200 && code <= 299)));
        return new SendOutcome.Rejected(codeText, reason, credentials);
    }

    /**
     * A failure before the request could reach Meta (refused or timed-out connection) is a plain retry; any other
     * I/O failure (request timeout, reset, empty response) may have happened after Meta accepted the message, so
     * the delivery must not simply send again (ADR 18).
     */
    static SendOutcome forIoFailure(Exception e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException || e instanceof java.net.ConnectException
                || e.getCause() instanceof java.net.ConnectException) {
            return new SendOutcome.RetryLater("connect_failed", e.getClass().getSimpleName(), null);
        }
        String kind = e instanceof java.net.http.HttpTimeoutException ? "timeout" : "network_error";
        return new SendOutcome.Unconfirmed(kind, e.getClass().getSimpleName());
    }

    /** Meta's error object: build logic on {@code code}, never on the message. */
    record GraphError(Integer code, String message, String details) {
    }
}
