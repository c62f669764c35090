/**
 * The outbound bus: an outbox row per message, a delivery job per row, one {@link io.parley.delivery.ChannelSender}
 * per channel, typed outcomes with bounded retries, and a monotonic delivery status.
 */
@ApplicationModule(
        allowedDependencies = {"access", "events", "platform", "platform :: channel", "templates", "tenancy"})
package io.parley.delivery;

import org.springframework.modulith.ApplicationModule;
