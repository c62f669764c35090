/**
 * Payments (issue 16): an organization's Stripe integration (secret key and webhook secrets encrypted, never
 * returned), Checkout Sessions created with an idempotency key, the signed Stripe webhook deduplicated by event id,
 * payments that only move forward, and the sweep that reconciles sessions whose webhook never came.
 */
@ApplicationModule(
        allowedDependencies = {"access", "events", "platform", "platform :: egress", "platform :: web", "tenancy"})
package io.parley.payments;

import org.springframework.modulith.ApplicationModule;
