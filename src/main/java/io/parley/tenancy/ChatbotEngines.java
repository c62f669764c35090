package io.parley.tenancy;

import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.tenancy.internal.ChatbotEngineRepository;
import io.parley.tenancy.internal.ChatbotRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The engine each chatbot runs on ({@code PATCH /api/v1/chatbots/{botId}} with {@code engine} and {@code flowKey}).
 * A flow engine needs a published flow of that key and a server whose flow engine is switched on (asked through
 * {@link FlowCatalog}); the external engine needs an endpoint (asked through {@link ExternalEngineCatalog}). The engine is
 * read on every turn, so it is cached like the chatbot (ADR 50: the repository announces each change).
 */
@Service
public class ChatbotEngines {
    private static final Pattern FLOW_KEY = Pattern.compile("[a-z0-9_]{1,64}");

    private final ChatbotEngineRepository repository;
    private final Chatbots chatbots;
    private final ObjectProvider<FlowCatalog> flows;
    private final ObjectProvider<ExternalEngineCatalog> externals;
    private final SharedCache<ChatbotId, Optional<ChatbotEngine>> cache;

    ChatbotEngines(
            ChatbotEngineRepository repository,
            Chatbots chatbots,
            ObjectProvider<FlowCatalog> flows,
            ObjectProvider<ExternalEngineCatalog> externals,
            ChangeNotices notices) {
        this.repository = repository;
        this.chatbots = chatbots;
        this.flows = flows;
        this.externals = externals;
        this.cache = notices.cache(ChatbotRepository.TOPIC, "chatbot_engines");
    }

    public ChatbotEngine get(ChatbotId id) {
        chatbots.get(id);
        return cache.get(id, repository::find).orElse(ChatbotEngine.AGENT);
    }

    /** Refuses {@code wanted} with a 4xx problem unless {@code chatbot} may run on it now. */
    public void check(ChatbotId chatbot, ChatbotEngine wanted) {
        if (wanted.flowKey() != null && !FLOW_KEY.matcher(wanted.flowKey()).matches()) {
            throw invalid("flowKey", "must be 1 to 64 lowercase letters, digits or underscores");
        }
        switch (wanted.kind()) {
            case AGENT -> {}
            case EXTERNAL -> checkExternal(chatbot);
            case FLOW -> checkFlow(chatbot, wanted.flowKey());
        }
    }

    /** Checks and stores {@code wanted}; returns it. */
    @Transactional
    public ChatbotEngine change(ChatbotId chatbot, ChatbotEngine wanted) {
        chatbots.get(chatbot);
        check(chatbot, wanted);
        repository.update(chatbot, wanted);
        return wanted;
    }

    private void checkExternal(ChatbotId chatbot) {
        ExternalEngineCatalog catalog = externals.getIfAvailable();
        if (catalog == null || !catalog.configured(chatbot)) {
            throw new ConflictException(
                    "external_engine_not_configured",
                    "The chatbot has no external engine endpoint; set one with PUT /api/v1/chatbots/" + chatbot
                            + "/external-engine first");
        }
    }

    private void checkFlow(ChatbotId chatbot, String flowKey) {
        Optional<FlowCatalog> catalog = Optional.ofNullable(flows.getIfAvailable());
        if (catalog.isEmpty() || !catalog.get().engineAvailable()) {
            throw new ConflictException(
                    "flow_engine_unavailable",
                    "This server does not run flow conversations yet (parley.flows.engine-enabled is false);"
                            + " flows can be saved and published, and the chatbot keeps the agent");
        }
        if (flowKey == null) {
            throw invalid("flowKey", "is required when engine is flow");
        }
        if (!catalog.get().hasPublished(chatbot, flowKey)) {
            throw new ConflictException(
                    "flow_not_published",
                    "The chatbot has no published version of flow '" + flowKey + "'; publish one first",
                    Map.of("flowKey", flowKey));
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
