package io.parley.tenancy.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.ChannelConnector;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.ChatbotEngine;
import io.parley.tenancy.ChatbotEngines;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.FallbackMessages;
import io.parley.tenancy.FaqEntry;
import io.parley.tenancy.ModelSettings;
import io.parley.tenancy.PromptBudgetSettings;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
class ChatbotController {
    private final Chatbots chatbots;
    private final ChannelAccounts channelAccounts;
    private final ChannelConnectors connectors;
    private final ChatbotEngines engines;
    private final JsonMapper json;

    ChatbotController(
            Chatbots chatbots,
            ChannelAccounts channelAccounts,
            ChannelConnectors connectors,
            ChatbotEngines engines,
            JsonMapper json) {
        this.chatbots = chatbots;
        this.engines = engines;
        this.channelAccounts = channelAccounts;
        this.connectors = connectors;
        this.json = json;
    }

    record FallbackModelView(String provider, String name, String baseUrl, boolean apiKeySet) {}

    record ModelView(
            String provider,
            String name,
            String baseUrl,
            double temperature,
            Long timeoutSeconds,
            Integer maxOutputTokens,
            int maxToolRounds,
            boolean apiKeySet,
            FallbackModelView fallback) {
        static ModelView of(ModelSettings m) {
            FallbackModelView fallback = m.fallback() == null
                    ? null
                    : new FallbackModelView(
                            m.fallback().provider(),
                            m.fallback().name(),
                            m.fallback().baseUrl(),
                            m.fallback().apiKey() != null);
            return new ModelView(
                    m.provider(),
                    m.name(),
                    m.baseUrl(),
                    m.temperature(),
                    m.timeout() == null ? null : m.timeout().toSeconds(),
                    m.maxOutputTokens(),
                    m.maxToolRounds(),
                    m.apiKey() != null,
                    fallback);
        }
    }

    /** @param promptBudget the chatbot's overrides only (absent ones are the model's defaults) */
    record ChatbotView(
            UUID id,
            UUID organizationId,
            String name,
            String systemPrompt,
            String persona,
            FallbackMessages fallbackMessages,
            ModelView model,
            List<FaqEntry> faq,
            Instant createdAt,
            String sessionTimeout,
            PromptBudgetSettings promptBudget,
            boolean active,
            String engine,
            String flowKey) {
        static ChatbotView of(Chatbot c, ChatbotEngine engine) {
            return new ChatbotView(
                    c.id().value(),
                    c.organizationId().value(),
                    c.name(),
                    c.systemPrompt(),
                    c.persona(),
                    c.fallbackMessages(),
                    ModelView.of(c.model()),
                    c.faq(),
                    c.createdAt(),
                    c.sessionTimeout().toString(),
                    c.promptBudget(),
                    c.active(),
                    engine.kind().wire(),
                    engine.flowKey());
        }
    }

    @PostMapping("/organizations/{orgId}/chatbots")
    ResponseEntity<ChatbotView> create(@PathVariable String orgId, @RequestBody JsonNode body) {
        ChatbotDraft draft = ChatbotPatches.merge(json, emptyDraft(), requireObject(body));
        Chatbot created = chatbots.create(Ids.parse(orgId, "organization", OrganizationId::new), draft);
        return ResponseEntity.created(URI.create("/api/v1/chatbots/" + created.id()))
                .body(view(created));
    }

    /**
     * Updates any field; absent fields keep their value ({@code "apiKey": ""} removes a key). {@code engine} and
     * {@code flowKey} are checked before anything is written and stored after the rest.
     */
    @PatchMapping("/chatbots/{botId}")
    ChatbotView update(@PathVariable String botId, @RequestBody JsonNode body) {
        ChatbotId id = botId(botId);
        Chatbot current = chatbots.get(id);
        JsonNode patch = requireObject(body);
        ChatbotEngine engine = engines.get(id);
        ChatbotEngine wanted = EnginePatches.merge(engine, patch);
        if (!wanted.equals(engine)) {
            engines.check(id, wanted);
        }
        Chatbot updated = chatbots.update(id, ChatbotPatches.merge(json, Chatbots.draftOf(current), patch));
        return ChatbotView.of(updated, wanted.equals(engine) ? engine : engines.change(id, wanted));
    }

    @GetMapping("/organizations/{orgId}/chatbots")
    List<ChatbotView> list(@PathVariable String orgId) {
        return chatbots.list(Ids.parse(orgId, "organization", OrganizationId::new)).stream()
                .map(this::view)
                .toList();
    }

    @GetMapping("/organizations/{orgId}/chatbots/{botId}")
    ChatbotView getInOrganization(@PathVariable String orgId, @PathVariable String botId) {
        return view(chatbots.getInOrganization(Ids.parse(orgId, "organization", OrganizationId::new), botId(botId)));
    }

    @GetMapping("/chatbots/{botId}")
    ChatbotView get(@PathVariable String botId) {
        return view(chatbots.get(botId(botId)));
    }

    private ChatbotView view(Chatbot chatbot) {
        return ChatbotView.of(chatbot, engines.get(chatbot.id()));
    }

    /**
     * Connects a channel of the body's {@code type} through that type's {@link ChannelConnector}; the connector
     * validates the rest of the body and shapes the 201 response (secrets appear in it once).
     */
    @PostMapping("/chatbots/{botId}/channels")
    ResponseEntity<Map<String, Object>> createChannel(@PathVariable String botId, @RequestBody JsonNode body) {
        Map<String, Object> request = ChannelBodies.toMap(json, body);
        ChannelConnector connector = connectors.forRequest(request.get("type"));
        Map<String, Object> created = connector.connect(botId(botId), request);
        return ResponseEntity.created(URI.create("/api/v1/chatbots/" + botId + "/channels/" + created.get("id")))
                .body(created);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/chatbots/{botId}/channels")
    List<Map<String, Object>> listChannels(@PathVariable String botId) {
        return channelAccounts.list(botId(botId)).stream().map(connectors::view).toList();
    }

    private static ChatbotDraft emptyDraft() {
        return new ChatbotDraft(null, null, null, null, null, null);
    }

    private static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        return body;
    }

    private static ChatbotId botId(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }
}
