/**
 * Retention: a recurring sweep that deletes what is only kept for a while — inbound webhook event ids, system
 * events, idempotency records, ended staff sessions, old failed logins — and applies each organization's message content retention (anonymize or delete),
 * through the owning modules' facades.
 */
@ApplicationModule(
        allowedDependencies = {"access", "conversation", "delivery", "events", "media", "platform", "tenancy", "tools"})
package io.parley.retention;

import org.springframework.modulith.ApplicationModule;
