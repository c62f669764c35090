/**
 * Engines other than the agent that answer a chatbot's turns through the conversation module's
 * {@link io.parley.conversation.TurnEngine} port. The external engine (issue 16): a chatbot whose engine is
 * {@code external} has each turn answered by the tenant's endpoint — a signed POST through the egress policy, a reply
 * of texts, buttons, a handover and contact variables, validated strictly; any failure sends the chatbot's error
 * message. Facade {@link io.parley.engines.ExternalEngines}; see docs/external-engine.md.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "contacts",
            "conversation",
            "delivery",
            "events",
            "platform",
            "platform :: channel",
            "platform :: egress",
            "tenancy"
        })
package io.parley.engines;

import org.springframework.modulith.ApplicationModule;
