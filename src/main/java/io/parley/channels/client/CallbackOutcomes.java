package io.parley.channels.client;

import io.parley.delivery.SendOutcome;
import io.parley.platform.egress.HttpStatuses;
import java.time.Duration;

/**
 * How a callback receiver's answer becomes a delivery outcome: 2xx delivered; 408, 429 and 5xx retried (honouring
 * Retry-After in seconds); 401 and 403 rejected with an alert (the receiver no longer accepts our signature); any
 * other status rejected. The receiver's body is never read or repeated.
 */
final class CallbackOutcomes {
    private CallbackOutcomes() {}

    static SendOutcome of(int status, String retryAfter, String deliveryId) {
        if (status / 100 == 2) {
            return new SendOutcome.Sent("callback:" + deliveryId);
        }
        String reason = "callbackUrl answered " + status + " " + HttpStatuses.describe(status);
        if (status == 408 || status == 429 || status / 100 == 5) {
            return new SendOutcome.RetryLater("callback_" + status, reason, retryAfter(retryAfter));
        }
        return new SendOutcome.Rejected("callback_" + status, reason, status == 401 || status == 403);
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds > 0 && seconds <= 3600 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
