/**
 * Flows (issue 16): deterministic conversations defined per chatbot in YAML or JSON — versioned definitions
 * (draft → published → archived), validation that names the step and field, the deterministic answer parsers, and
 * the engine that runs a conversation through its steps inside the turn job. See
 * {@code ../shared/spec/flows-and-payments.md} and docs/flows.md.
 */
@ApplicationModule(
        allowedDependencies = {
            "access",
            "actionlinks",
            "agent",
            "contacts",
            "conversation",
            "delivery",
            "events",
            "knowledge",
            "llm",
            "payments",
            "platform",
            "platform :: channel",
            "platform :: egress",
            "platform :: web",
            "templates",
            "tenancy",
            "tools",
            "usage"
        })
package io.parley.flows;

import org.springframework.modulith.ApplicationModule;
