/**
 * Alerts: per-organization sinks (Slack incoming webhook, email, signed webhook) that receive the system events at
 * or above their level and matching their type patterns, through durable jobs with bounded retries and dead letters.
 */
@ApplicationModule(allowedDependencies = {
        "events", "platform", "platform :: egress", "platform :: web", "tenancy"
})
package io.parley.alerts;

import org.springframework.modulith.ApplicationModule;
