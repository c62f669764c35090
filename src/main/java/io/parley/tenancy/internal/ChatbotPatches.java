package io.parley.tenancy.internal;

import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.FallbackMessages;
import io.parley.tenancy.FaqEntry;
import io.parley.tenancy.PromptBudgetSettings;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges a JSON body into a chatbot draft: a field present replaces the value, an absent one keeps it (JSON merge
 * patch semantics, object by object). Creation merges into an empty draft.
 */
final class ChatbotPatches {
    private static final TypeReference<List<FaqEntry>> FAQ = new TypeReference<>() {};

    private ChatbotPatches() {}

    static ChatbotDraft merge(JsonMapper json, ChatbotDraft base, JsonNode patch) {
        FallbackMessages f = base.fallbackMessages() == null
                ? new FallbackMessages(null, null, null, null, null)
                : base.fallbackMessages();
        JsonNode fp = patch.path("fallbackMessages");
        FallbackMessages fallbacks = new FallbackMessages(
                text(fp, "error", f.error()),
                text(fp, "limit", f.limit()),
                text(fp, "unknown", f.unknown()),
                text(fp, "maxRounds", f.maxRounds()),
                text(fp, "handover", f.handover()));
        List<FaqEntry> faq = base.faq();
        if (patch.has("faq")) {
            try {
                faq = patch.get("faq").isNull()
                        ? List.of()
                        : json.readValue(patch.get("faq").toString(), FAQ);
            } catch (JacksonException e) {
                throw invalid("faq", "must be a list of {\"question\", \"answer\"}");
            }
        }
        return new ChatbotDraft(
                text(patch, "name", base.name()),
                text(patch, "systemPrompt", base.systemPrompt()),
                text(patch, "persona", base.persona()),
                fallbacks,
                model(base.model(), patch.path("model")),
                faq,
                text(patch, "sessionTimeout", base.sessionTimeout()),
                promptBudget(base.promptBudget(), patch),
                active(patch, base.active()));
    }

    /** Merged key by key; {@code "promptBudget": null} drops every override, {@code "history": null} one. */
    private static PromptBudgetSettings promptBudget(PromptBudgetSettings base, JsonNode patch) {
        if (!patch.has("promptBudget")) {
            return base;
        }
        JsonNode p = patch.get("promptBudget");
        if (p.isNull()) {
            return PromptBudgetSettings.DEFAULTS;
        }
        if (!p.isObject()) {
            throw invalid("promptBudget", "must be an object of token counts");
        }
        PromptBudgetSettings b = base == null ? PromptBudgetSettings.DEFAULTS : base;
        return new PromptBudgetSettings(
                integer(p, "contextWindow", b.contextWindow(), "promptBudget."),
                integer(p, "system", b.system(), "promptBudget."),
                integer(p, "tools", b.tools(), "promptBudget."),
                integer(p, "knowledge", b.knowledge(), "promptBudget."),
                integer(p, "history", b.history(), "promptBudget."),
                integer(p, "replyReserve", b.replyReserve(), "promptBudget."));
    }

    /** {@code "active": false} pauses, {@code true} resumes; absent keeps (ADR 33). */
    private static Boolean active(JsonNode patch, Boolean current) {
        if (!patch.has("active")) {
            return current;
        }
        if (!patch.get("active").isBoolean()) {
            throw invalid("active", "must be true or false");
        }
        return patch.get("active").asBoolean();
    }

    private static ChatbotDraft.Model model(ChatbotDraft.Model base, JsonNode p) {
        ChatbotDraft.Model m =
                base == null ? new ChatbotDraft.Model(null, null, null, null, null, null, null, null, null) : base;
        ChatbotDraft.Fallback fallback = m.fallback();
        if (p.has("fallback")) {
            JsonNode fp = p.get("fallback");
            fallback = fp.isNull()
                    ? null
                    : new ChatbotDraft.Fallback(
                            text(fp, "provider", fallback == null ? null : fallback.provider()),
                            text(fp, "name", fallback == null ? null : fallback.name()),
                            text(fp, "baseUrl", fallback == null ? null : fallback.baseUrl()),
                            apiKey(fp));
        }
        return new ChatbotDraft.Model(
                text(p, "provider", m.provider()),
                text(p, "name", m.name()),
                text(p, "baseUrl", m.baseUrl()),
                apiKey(p),
                number(p, "temperature", m.temperature()),
                integer(p, "timeoutSeconds", m.timeoutSeconds()),
                integer(p, "maxOutputTokens", m.maxOutputTokens()),
                integer(p, "maxToolRounds", m.maxToolRounds()),
                fallback);
    }

    /** Absent keeps the stored key (null); {@code null} or "" removes it (""); text replaces it. */
    private static String apiKey(JsonNode node) {
        return node.has("apiKey") && node.get("apiKey").isNull() ? "" : text(node, "apiKey", null);
    }

    private static String text(JsonNode node, String field, String current) {
        if (!node.has(field)) {
            return current;
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(field, "must be a string");
        }
        return value.asString();
    }

    private static Double number(JsonNode node, String field, Double current) {
        if (!node.has(field) || node.get(field).isNull()) {
            return node.has(field) ? null : current;
        }
        if (!node.get(field).isNumber()) {
            throw invalid(field, "must be a number");
        }
        return node.get(field).asDouble();
    }

    private static Integer integer(JsonNode node, String field, Integer current) {
        return integer(node, field, current, "");
    }

    private static Integer integer(JsonNode node, String field, Integer current, String prefix) {
        if (!node.has(field) || node.get(field).isNull()) {
            return node.has(field) ? null : current;
        }
        if (!node.get(field).isIntegralNumber() || !node.get(field).canConvertToInt()) {
            throw invalid(prefix + field, "must be a whole number");
        }
        return node.get(field).asInt();
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
