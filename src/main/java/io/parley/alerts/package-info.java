/**
 * Alerts: per-organization sinks (Slack incoming webhook, email, signed webhook) that receive the system events at
 * or above their level and matching their type patterns, through durable jobs with bounded retries and dead letters.
 */
@ApplicationModule(allowedDependencies = {"access", "events", "platform", "platform :: egress", "tenancy"})
package io.parley.alerts;

import org.springframework.modulith.ApplicationModule;
