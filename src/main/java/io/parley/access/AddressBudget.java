package io.parley.access;

import java.time.Duration;
import java.util.Optional;

/**
 * Port: per-source-address budgets the ingress guard spends (ADR 29), kept by the rate-limit module: failed
 * authentications, and requests to routes that need no credentials.
 */
public interface AddressBudget {

    /** How long the address must wait because it used up its failed authentications; empty when it may go on. */
    Optional<Duration> failureBudgetSpent(String address);

    /** Counts one failed authentication of the address. */
    void authenticationFailed(String address);

    /** Counts one request to a route without credentials; empty when it may go on, else how long to wait. */
    Optional<Duration> tryPublicRequest(String address);
}
