/**
 * Messages the business starts: broadcasts (up to 100 contacts, one transaction), campaigns (every contact with a
 * tag, queued by a durable job in bounded batches) and the owner's test message to a staff member. Everything is
 * queued through {@link io.parley.conversation.ProactiveMessages}: broadcasts and campaigns on the campaign lane,
 * test messages on the transactional lane.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "contacts",
            "conversation",
            "delivery",
            "platform",
            "platform :: channel",
            "templates",
            "tenancy"
        })
package io.parley.outreach;

import org.springframework.modulith.ApplicationModule;
