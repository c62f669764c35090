package io.parley.access;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * Marks a request whose source address has spent its budget of failed authentications, for routes that must
 * authenticate the request before refusing it. WhatsApp webhooks are the case: Meta sends every tenant's deliveries
 * from the same few addresses, so a delivery that verifies must pass even when that address also carried another
 * tenant's badly signed ones; only a delivery that fails verification is answered 429 instead of 401.
 */
public final class FailureBudget {
    private static final String SPENT = FailureBudget.class.getName() + ".spent";

    private FailureBudget() {}

    /** Set by the ingress guard before the route runs. */
    public static void markSpent(HttpServletRequest request, Duration retryAfter) {
        request.setAttribute(SPENT, retryAfter);
    }

    /** How long the address should wait, when its budget is spent. */
    public static Optional<Duration> spent(HttpServletRequest request) {
        return request.getAttribute(SPENT) instanceof Duration wait ? Optional.of(wait) : Optional.empty();
    }
}
