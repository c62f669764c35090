package io.parley.channels.whatsapp.graph;

import io.parley.delivery.SendOutcome;
import io.parley.media.MediaFetch;
import java.time.Duration;
import java.util.Set;

/**
 * The one place that turns a Graph API answer into an outcome: a send's {@link SendOutcome}, a media lookup's
 * {@link MediaFetch}, and whether an upload or template listing may be tried again. Throttling codes are retried
 * even when Meta answers them with a 400; credential errors need an operator; other client errors are final.
 */
public final class GraphOutcomes {
    /** 4 app rate limit, 80007 WABA rate limit, 130429 throughput, 131056 pair rate limit. */
    private static final Set<Integer> THROTTLING = Set.of(4, 80007, 130429, 131056);
    /** 190 expired token, 10/200-299 permission errors. */
    private static final Set<Integer> CREDENTIALS = Set.of(190, 10);
    /** Media lookups: 100 "Object with ID ... does not exist" (expired or unknown id), 131052 download error. */
    private static final Set<Integer> MEDIA_GONE = Set.of(100, 131052);
    /** Media lookups retry the app, WABA and throughput limits (the pair limit concerns sends only). */
    private static final Set<Integer> MEDIA_THROTTLING = Set.of(4, 80007, 130429);

    private GraphOutcomes() {}

    /**
     * Whether a Meta error code reported without an HTTP answer (a {@code failed} status webhook) is transient:
     * the throttling codes, as for a send request's answer.
     */
    public static boolean transientCode(int code) {
        return THROTTLING.contains(code);
    }

    public static SendOutcome forFailure(int httpStatus, GraphError error, Duration retryAfter) {
        Integer code = error == null ? null : error.code();
        String codeText = code == null ? "http_" + httpStatus : Integer.toString(code);
        String reason = error == null || error.message() == null ? "HTTP " + httpStatus : error.message();
        if (code != null && THROTTLING.contains(code)) {
            return new SendOutcome.RetryLater(codeText, reason, retryAfter, true);
        }
        if (httpStatus == 429 || httpStatus == 408 || httpStatus >= 500) {
            return new SendOutcome.RetryLater(codeText, reason, retryAfter);
        }
        boolean credentials = httpStatus == 401
                || httpStatus == 403
                || (code != null && (CREDENTIALS.contains(code) || (code >= 200 && code <= 299)));
        return new SendOutcome.Rejected(codeText, reason, credentials);
    }

    /**
     * A failure before the request could reach Meta (refused or timed-out connection) is a plain retry; any other
     * I/O failure (request timeout, reset, empty response) may have happened after Meta accepted the message, so
     * the delivery must not simply send again (ADR 18).
     */
    public static SendOutcome forIoFailure(Exception e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException
                || e instanceof java.net.ConnectException
                || e.getCause() instanceof java.net.ConnectException) {
            return new SendOutcome.RetryLater("connect_failed", e.getClass().getSimpleName(), null);
        }
        String kind = e instanceof java.net.http.HttpTimeoutException ? "timeout" : "network_error";
        return new SendOutcome.Unconfirmed(kind, e.getClass().getSimpleName());
    }

    /**
     * A failed {@code GET /{media-id}}: an unknown or expired id and a refused token are final, throttling and
     * server errors are retried, anything else is final.
     */
    public static MediaFetch forMediaLookup(int status, Integer code) {
        String codeText = code == null ? "http_" + status : "graph_" + code;
        if (status == 404 || (code != null && MEDIA_GONE.contains(code))) {
            return new MediaFetch.Failed(
                    "media_expired",
                    "The media id is unknown to the Graph API or expired (ids from webhooks live 7 days)");
        }
        if (status == 401 || status == 403 || (code != null && CREDENTIALS.contains(code))) {
            return new MediaFetch.Failed("unauthorized", "The channel's access token was refused (" + codeText + ")");
        }
        if (status == 429 || status == 408 || status >= 500 || (code != null && MEDIA_THROTTLING.contains(code))) {
            return new MediaFetch.RetryLater(codeText, "Graph API answered HTTP " + status);
        }
        return new MediaFetch.Failed("provider_rejected", "Graph API answered HTTP " + status + " (" + codeText + ")");
    }

    /** Whether an upload or a template listing that Graph answered with {@code status} may work later. */
    public static boolean unavailable(int status) {
        return status == 429 || status >= 500;
    }
}
