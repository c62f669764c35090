package io.parley.tenancy;

import io.parley.platform.egress.EgressPolicy;

/**
 * The servers a chatbot's models would be called at, checked against the egress policy before the configuration is
 * stored: the primary and the fallback model's {@code baseUrl}, or Ollama's local default when it has none (the
 * other providers' defaults are their public APIs).
 */
final class ModelEndpoints {
    /** What {@code llm}'s Ollama gateway calls when a chatbot gives no baseUrl. */
    static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

    private ModelEndpoints() {}

    static void check(EgressPolicy egress, ChatbotDraft.Model model) {
        if (model == null) {
            return;
        }
        check(egress, "model.baseUrl", model.provider(), model.baseUrl());
        if (model.fallback() != null) {
            check(
                    egress,
                    "model.fallback.baseUrl",
                    model.fallback().provider(),
                    model.fallback().baseUrl());
        }
    }

    private static void check(EgressPolicy egress, String field, String provider, String baseUrl) {
        if ("offline".equals(provider)) {
            return; // nothing is requested
        }
        if (baseUrl != null) {
            egress.check(field, baseUrl);
        } else if ("ollama".equals(provider)) {
            egress.checkDefault(field, OLLAMA_DEFAULT_BASE_URL, "without a baseUrl, provider ollama uses");
        }
    }
}
