package io.parley.tenancy;

import io.parley.platform.ChatbotId;

/**
 * Port: what tenancy asks the flows module before a chatbot may run on a flow (flows depends on tenancy, so tenancy
 * cannot call it directly). Implemented by {@code io.parley.flows}.
 */
public interface FlowCatalog {
    /** Whether this server runs flow conversations at all (the engine exists and is switched on). */
    boolean engineAvailable();

    /** Whether {@code chatbot} has a published version of the flow {@code flowKey}. */
    boolean hasPublished(ChatbotId chatbot, String flowKey);
}
