package io.parley.payments.internal;

import io.parley.platform.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.stripe.*}: where Stripe's API is ({@code PARLEY_STRIPE_APIURL}; tests point it at a fake), the API
 * version to pin (empty: the account's default), timeouts, retries of Checkout creation (4 retries from 2 s doubling,
 * ±20 %, at most 1 min apart, then the payment fails with an ERROR event), the tolerance of webhook timestamps (300 s,
 * Stripe's own), how long a rotated-out webhook secret stays valid (24 h), the largest webhook body, the success and
 * cancel pages (empty: Parley's {@code /pay/done} and {@code /pay/cancelled}), and the sweep (every 5 min, at most 100
 * open payments past expiry or older than {@code sweep-after}).
 */
@ConfigurationProperties("parley.stripe")
public record StripeProperties(
        @DefaultValue("https://api.stripe.com") String apiUrl,
        @DefaultValue("") String apiVersion,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration requestTimeout,
        @DefaultValue("4") int maxRetries,
        @DefaultValue("2s") Duration firstBackoff,
        @DefaultValue("2.0") double backoffFactor,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("1m") Duration maxBackoff,
        @DefaultValue("300s") Duration signatureTolerance,
        @DefaultValue("24h") Duration secretRollPeriod,
        @DefaultValue("256KB") DataSize maxPayload,
        @DefaultValue("") String successUrl,
        @DefaultValue("") String cancelUrl,
        @DefaultValue("5m") Duration sweepInterval,
        @DefaultValue("30m") Duration sweepAfter,
        @DefaultValue("100") int sweepBatch) {
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, firstBackoff, backoffFactor, jitter, maxBackoff);
    }

    /** The API base without a trailing slash. */
    public String apiBase() {
        return apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }
}
