/**
 * Payments (issue 16): an organization's Stripe integration (secret key and webhook secrets encrypted, never
 * returned), Checkout Sessions created with an idempotency key, the signed Stripe webhook deduplicated by event id,
 * payments that only move forward, the sweep that reconciles sessions whose webhook never came, the action link
 * {@code deposit.pay} that sends a customer to a payment's Checkout page, and the pages Checkout returns to.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "actionlinks",
            "events",
            "platform",
            "platform :: egress",
            "platform :: web",
            "tenancy"
        })
package io.parley.payments;

import org.springframework.modulith.ApplicationModule;
