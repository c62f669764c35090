/**
 * Conversations, their messages and the turn processor: one turn at a time per conversation, a burst answered
 * once, each turn's result (reply, outbox row, usage, answered mark) written in one transaction.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "agent",
            "contacts",
            "delivery",
            "events",
            "media",
            "platform",
            "platform :: channel",
            "ratelimit",
            "templates",
            "tenancy",
            "tools",
            "usage"
        })
package io.parley.conversation;

import org.springframework.modulith.ApplicationModule;
