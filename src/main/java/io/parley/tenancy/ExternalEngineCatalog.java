package io.parley.tenancy;

import io.parley.platform.ChatbotId;

/**
 * Port: what tenancy asks the engines module before a chatbot may run on the external engine (engines depends on
 * tenancy, so tenancy cannot call it directly). Implemented by {@code io.parley.engines}.
 */
public interface ExternalEngineCatalog {
    /** Whether {@code chatbot} has an endpoint its turns can be sent to. */
    boolean configured(ChatbotId chatbot);
}
