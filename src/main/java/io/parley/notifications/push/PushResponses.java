package io.parley.notifications.push;

import io.parley.delivery.SendOutcome;
import io.parley.platform.egress.HttpStatuses;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A push service's answer as a {@link SendOutcome} (RFC 8030 and 8292; the spec's §3.5): 201 sent; 404 and 410 the
 * subscription is gone; 400, 401 and 403 our request or VAPID key is wrong (an operator must look); 413 too large;
 * 429 throttled (after {@code Retry-After}); 5xx worth another try.
 */
final class PushResponses {
    private PushResponses() {}

    /** Whether the status says the subscription no longer exists, so it is retired. */
    static boolean gone(int status) {
        return status == 404 || status == 410;
    }

    static SendOutcome outcome(int status, Optional<String> location, Optional<String> retryAfter, Clock clock) {
        String described = "The push service answered " + HttpStatuses.describe(status);
        if (status / 100 == 2) {
            return new SendOutcome.Sent(location.orElse(null));
        }
        return switch (status) {
            case 404, 410 ->
                new SendOutcome.Rejected(
                        "push_subscription_expired", described + ": the subscription is gone and was retired", false);
            case 400 -> new SendOutcome.Rejected("push_request_invalid", described, true);
            case 401, 403 ->
                new SendOutcome.Rejected(
                        "push_vapid_refused", described + ": the VAPID token or key was refused", true);
            case 413 -> new SendOutcome.Rejected("push_payload_too_large", described, false);
            case 429 ->
                new SendOutcome.RetryLater(
                        "push_throttled",
                        described,
                        retryAfter.flatMap(value -> delay(value, clock)).orElse(null),
                        true);
            default ->
                status >= 500
                        ? new SendOutcome.RetryLater(
                                "push_service_error",
                                described,
                                retryAfter.flatMap(value -> delay(value, clock)).orElse(null))
                        : new SendOutcome.Rejected("push_refused", described, false);
        };
    }

    /** {@code Retry-After} as seconds or an HTTP date; empty when it is neither or already past. */
    static Optional<Duration> delay(String value, Clock clock) {
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds > 0 ? Optional.of(Duration.ofSeconds(Math.min(seconds, 86_400))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        clock.instant(),
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return until.isNegative() || until.isZero() ? Optional.empty() : Optional.of(until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
