package io.parley.tenancy;

import io.parley.platform.ChatbotId;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.platform.egress.EgressPolicy;
import io.parley.tenancy.internal.ChatbotRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chatbots and their settings. A chatbot is read (and its model keys decrypted) several times per turn: cached per
 * node, and forgotten on every node when any of its settings changes, it is paused or resumed, or deleted (ADR 50).
 * What a change is checked against is read past the cache.
 */
@Service
public class Chatbots {
    /** Providers this version can run; validated here so a typo fails at creation, not at the first message. */
    public static final Set<String> PROVIDERS = Set.of("offline", "openai", "gemini", "anthropic", "ollama");

    private static final int MAX_FAQ = 500;

    private final ChatbotRepository repository;
    private final Organizations organizations;
    private final EgressPolicy egress;
    private final SharedCache<ChatbotId, Optional<Chatbot>> cache;

    Chatbots(ChatbotRepository repository, Organizations organizations, EgressPolicy egress, ChangeNotices notices) {
        this.repository = repository;
        this.organizations = organizations;
        this.egress = egress;
        this.cache = notices.cache(ChatbotRepository.TOPIC);
    }

    @Transactional
    public Chatbot create(OrganizationId organizationId, ChatbotDraft draft) {
        organizations.get(organizationId);
        ChatbotId id = new ChatbotId(UUID.randomUUID());
        ChatbotDraft valid = validated(draft);
        ModelEndpoints.check(egress, valid.model());
        repository.insert(id, organizationId, valid);
        return get(id);
    }

    /** Replaces the chatbot's configuration with {@code draft} (a patch merged over {@link #draftOf}). */
    @Transactional
    public Chatbot update(ChatbotId id, ChatbotDraft draft) {
        Chatbot current = repository.find(id).orElseThrow(() -> notFound(id));
        ChatbotDraft checked = validated(draft);
        StoredKeys.requireNewKeyWhenMoved(current.model(), checked.model());
        ModelEndpoints.check(egress, checked.model());
        repository.update(id, checked);
        return get(id);
    }

    /** The stored configuration as a draft to merge a patch into; API keys are null (= keep). */
    public static ChatbotDraft draftOf(Chatbot chatbot) {
        ModelSettings m = chatbot.model();
        ChatbotDraft.Fallback fallback = m.fallback() == null
                ? null
                : new ChatbotDraft.Fallback(
                        m.fallback().provider(),
                        m.fallback().name(),
                        m.fallback().baseUrl(),
                        null);
        return new ChatbotDraft(
                chatbot.name(),
                chatbot.systemPrompt(),
                chatbot.persona(),
                chatbot.fallbackMessages(),
                new ChatbotDraft.Model(
                        m.provider(),
                        m.name(),
                        m.baseUrl(),
                        null,
                        m.temperature(),
                        m.timeout() == null ? null : (int) m.timeout().toSeconds(),
                        m.maxOutputTokens(),
                        m.maxToolRounds(),
                        fallback),
                chatbot.faq(),
                chatbot.sessionTimeout().toString(),
                chatbot.promptBudget(),
                chatbot.active());
    }

    public Chatbot get(ChatbotId id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    public Optional<Chatbot> find(ChatbotId id) {
        return cache.get(id, repository::find);
    }

    /** The chatbot only if it belongs to {@code organizationId}: another tenant's id is simply not found. */
    public Chatbot getInOrganization(OrganizationId organizationId, ChatbotId id) {
        return find(id).filter(bot -> bot.organizationId().equals(organizationId))
                .orElseThrow(() -> notFound(id));
    }

    public List<Chatbot> list(OrganizationId organizationId) {
        organizations.get(organizationId);
        return repository.listByOrganization(organizationId);
    }

    /**
     * How long the chatbot's conversations may stay quiet before the next message starts a new session (zero:
     * never); from the cached chatbot, for the receive path.
     */
    public Duration sessionTimeout(ChatbotId id) {
        return get(id).sessionTimeout();
    }

    /**
     * Whether the chatbot answers now (client channels answer {@code 409 chatbot_paused} when it does not): paused
     * when it or its organization is; otherwise answering messages since the later of their last resumptions.
     */
    public Availability availability(Chatbot chatbot) {
        if (!chatbot.active()) {
            return Availability.Paused.CHATBOT;
        }
        Organization organization = organizations.get(chatbot.organizationId());
        if (!organization.active()) {
            return Availability.Paused.ORGANIZATION;
        }
        return new Availability.Answering(later(chatbot.resumedAt(), organization.resumedAt()));
    }

    private static java.time.Instant later(java.time.Instant a, java.time.Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** The timeout a turn should use for this chatbot's model. */
    public static Duration effectiveTimeout(Chatbot chatbot, Duration platformDefault) {
        return chatbot.model().timeout() == null
                ? platformDefault
                : chatbot.model().timeout();
    }

    private static NotFoundException notFound(ChatbotId id) {
        return new NotFoundException("chatbot_not_found", "No chatbot with id '" + id + "'");
    }

    private static ChatbotDraft validated(ChatbotDraft draft) {
        FallbackMessages f = draft.fallbackMessages();
        FallbackMessages fallbacks = f == null
                ? FallbackMessages.defaults()
                : FallbackMessages.withDefaults(
                        Validation.optionalText("fallbackMessages.error", f.error(), 1000),
                        Validation.optionalText("fallbackMessages.limit", f.limit(), 1000),
                        Validation.optionalText("fallbackMessages.unknown", f.unknown(), 1000),
                        Validation.optionalText("fallbackMessages.maxRounds", f.maxRounds(), 1000),
                        Validation.optionalText("fallbackMessages.handover", f.handover(), 1000));
        return new ChatbotDraft(
                Validation.requireText("name", draft.name(), 100),
                Validation.requireText("systemPrompt", draft.systemPrompt(), 20_000),
                Validation.optionalText("persona", draft.persona(), 5_000),
                fallbacks,
                validatedModel(draft.model()),
                validatedFaq(draft.faq()),
                SessionTimeouts.validated(draft.sessionTimeout()),
                PromptBudgets.validated(draft.promptBudget()),
                draft.active() == null || draft.active());
    }

    private static ChatbotDraft.Model validatedModel(ChatbotDraft.Model model) {
        ChatbotDraft.Model m =
                model == null ? new ChatbotDraft.Model(null, null, null, null, null, null, null, null, null) : model;
        String provider = provider("model.provider", m.provider());
        String name = modelName("model.name", provider, m.name());
        double temperature = m.temperature() == null ? ModelSettings.DEFAULT_TEMPERATURE : m.temperature();
        if (temperature < 0.0 || temperature > 2.0 || Double.isNaN(temperature)) {
            throw Validation.invalid("model.temperature", "must be between 0.0 and 2.0");
        }
        Validation.optionalRange("model.timeoutSeconds", m.timeoutSeconds(), 1, 600);
        Validation.optionalRange("model.maxOutputTokens", m.maxOutputTokens(), 1, 1_000_000);
        Validation.optionalRange("model.maxToolRounds", m.maxToolRounds(), 1, 20);
        ChatbotDraft.Fallback fallback = m.fallback() == null
                ? null
                : new ChatbotDraft.Fallback(
                        provider("model.fallback.provider", m.fallback().provider()),
                        modelName(
                                "model.fallback.name",
                                provider("model.fallback.provider", m.fallback().provider()),
                                m.fallback().name()),
                        Validation.optionalHttpUrl(
                                "model.fallback.baseUrl", m.fallback().baseUrl()),
                        apiKey("model.fallback.apiKey", m.fallback().apiKey()));
        return new ChatbotDraft.Model(
                provider,
                name,
                Validation.optionalHttpUrl("model.baseUrl", m.baseUrl()),
                apiKey("model.apiKey", m.apiKey()),
                temperature,
                m.timeoutSeconds(),
                m.maxOutputTokens(),
                m.maxToolRounds() == null ? ModelSettings.DEFAULT_MAX_TOOL_ROUNDS : m.maxToolRounds(),
                fallback);
    }

    private static String provider(String field, String value) {
        // Absent means the offline model; an empty or blank provider is a mistake, not a choice (seed 000 §I2).
        String provider = value == null ? "offline" : value.trim();
        if (!PROVIDERS.contains(provider)) {
            throw Validation.invalid(
                    field, "must be one of " + PROVIDERS.stream().sorted().toList());
        }
        return provider;
    }

    private static String modelName(String field, String provider, String value) {
        String name = Validation.optionalText(field, value, 200);
        if (!"offline".equals(provider) && name == null) {
            throw Validation.invalid(field, "is required for provider " + provider);
        }
        return name;
    }

    /** Keeps null (= keep the stored key) and "" (= remove it) apart from a new key. */
    private static String apiKey(String field, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return Validation.requireText(field, value, 1_000);
    }

    private static List<FaqEntry> validatedFaq(List<FaqEntry> faq) {
        if (faq == null) {
            return List.of();
        }
        if (faq.size() > MAX_FAQ) {
            throw Validation.invalid("faq", "must have at most " + MAX_FAQ + " entries");
        }
        return IntStream.range(0, faq.size())
                .mapToObj(i -> {
                    FaqEntry entry = faq.get(i);
                    if (entry == null) {
                        throw Validation.invalid("faq[" + i + "]", "must not be null");
                    }
                    return new FaqEntry(
                            Validation.requireText("faq[" + i + "].question", entry.question(), 2_000),
                            Validation.requireText("faq[" + i + "].answer", entry.answer(), 5_000));
                })
                .toList();
    }
}
