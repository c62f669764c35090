package io.parley.tools;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactTier;
import io.parley.contacts.Contacts;
import io.parley.llm.ToolCall;
import io.parley.llm.ToolSpec;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import io.parley.tools.internal.ChatbotToolsRepository;
import io.parley.tools.internal.ToolExecutionRepository;
import io.parley.tools.internal.ToolInvoker;
import io.parley.tools.internal.ToolSourceRepository;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools each chatbot offers its model, and running the calls it makes. What a chatbot offers is asked on every
 * turn and changes only by an admin: cached per node, forgotten on every node when a selection or a tool source
 * changes (ADR 50).
 */
@Service
@EnableConfigurationProperties(ToolsProperties.class)
public class Tools {
    private final Map<String, BuiltinTool> builtins;
    private final ChatbotToolsRepository selections;
    private final ToolSourceRepository sources;
    private final ToolExecutionRepository executions;
    private final ToolInvoker invoker;
    private final Chatbots chatbots;
    private final Contacts contacts;
    private final JsonMapper json;
    private final SharedCache<ChatbotId, Map<String, ToolInvoker.Target>> offered;

    Tools(
            List<BuiltinTool> builtins,
            ChatbotToolsRepository selections,
            ToolSourceRepository sources,
            ToolExecutionRepository executions,
            ToolInvoker invoker,
            Chatbots chatbots,
            Contacts contacts,
            JsonMapper json,
            ChangeNotices notices) {
        this.contacts = contacts;
        this.builtins = builtins.stream()
                .collect(Collectors.toMap(BuiltinTool::name, Function.identity(), (a, b) -> a, TreeMap::new));
        this.selections = selections;
        this.sources = sources;
        this.executions = executions;
        this.invoker = invoker;
        this.chatbots = chatbots;
        this.json = json;
        this.offered = notices.cache(ChatbotToolsRepository.TOPIC);
    }

    /** The chatbot's enabled tools: built-ins and sources (refreshed discovery lists them). */
    public record Selection(List<String> builtins, List<UUID> sources) {}

    public List<String> builtinNames() {
        return List.copyOf(builtins.keySet());
    }

    /** The tools the model of this chatbot may call. A name offered twice is offered once (built-ins first). */
    public List<ToolSpec> toolsFor(ChatbotId chatbotId) {
        return targets(chatbotId).values().stream()
                .map(ToolInvoker.Target::spec)
                .toList();
    }

    /** An enabled tool and where it comes from: {@code sourceId} is null for a built-in. */
    public record EnabledTool(String name, String description, UUID sourceId, String sourceName) {}

    /** What {@link #toolsFor} offers the model, with each tool's origin (for the admin API). */
    public List<EnabledTool> enabledTools(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return targets(chatbotId).values().stream()
                .map(target -> switch (target) {
                    case ToolInvoker.Builtin builtin ->
                        new EnabledTool(builtin.spec().name(), builtin.spec().description(), null, null);
                    case ToolInvoker.Remote remote ->
                        new EnabledTool(
                                remote.spec().name(),
                                remote.spec().description(),
                                remote.source().id(),
                                remote.source().name());
                })
                .toList();
    }

    /**
     * Runs one call the model made and records it; never throws. A tool the chatbot reserves for a higher contact
     * tier than the conversation's contact has is not run: the model gets a refusal as the result (so it can tell
     * the person what to do), not an error.
     */
    public ToolOutcome execute(ToolContext context, ToolCall call) {
        ToolInvoker.Target target = targets(context.chatbotId()).get(call.name());
        Optional<ToolOutcome> refusal = target == null ? Optional.empty() : refusal(context, call.name());
        ToolOutcome outcome = target == null
                ? ToolOutcome.failed(
                        "Unknown tool '" + call.name() + "'. Available tools: "
                                + String.join(", ", targets(context.chatbotId()).keySet()) + ".",
                        0)
                : refusal.orElseGet(() -> invoker.invoke(target, call.argumentsJson(), context));
        executions.record(
                context,
                target instanceof ToolInvoker.Remote remote ? remote.source().id() : null,
                call.name(),
                storableArguments(call.argumentsJson()),
                outcome);
        return outcome;
    }

    private Optional<ToolOutcome> refusal(ToolContext context, String tool) {
        ContactTier required = selections.minTiers(context.chatbotId()).getOrDefault(tool, ContactTier.GUEST);
        if (required == ContactTier.GUEST) {
            return Optional.empty();
        }
        ContactTier tier = context.contactId() == null
                ? ContactTier.GUEST
                : contacts.find(context.contactId())
                        .filter(c -> c.organizationId().equals(context.organizationId()))
                        .map(Contact::tier)
                        .orElse(ContactTier.GUEST);
        if (tier.atLeast(required)) {
            return Optional.empty();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("refused", true);
        result.put(
                "reason",
                "This tool is only available to " + required.wireName()
                        + " contacts; this person is " + tier.wireName() + ". Do not retry; answer without it"
                        + (required == ContactTier.VERIFIED
                                ? " and suggest signing in or writing from a verified channel."
                                : "."));
        result.put("requiredTier", required.wireName());
        result.put("contactTier", tier.wireName());
        return Optional.of(ToolOutcome.success(json.writeValueAsString(result), 0, null));
    }

    /** The minimum contact tier per tool name for this chatbot (tools not named need none). */
    public Map<String, ContactTier> minTiers(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return selections.minTiers(chatbotId);
    }

    /** Replaces the chatbot's minimum contact tiers per tool name ({@code guest} entries are dropped). */
    @Transactional
    public Map<String, ContactTier> setMinTiers(ChatbotId chatbotId, Map<String, ContactTier> tiers) {
        Chatbot chatbot = chatbots.get(chatbotId);
        Map<String, ContactTier> kept = new TreeMap<>();
        tiers.forEach((tool, tier) -> {
            if (tier != ContactTier.GUEST) {
                kept.put(tool, tier);
            }
        });
        selections.replaceMinTiers(chatbotId, chatbot.organizationId(), kept);
        return selections.minTiers(chatbotId);
    }

    @Transactional
    public Selection select(ChatbotId chatbotId, List<String> builtinNames, List<UUID> sourceIds) {
        Chatbot chatbot = chatbots.get(chatbotId);
        List<String> names = builtinNames == null
                ? List.of()
                : builtinNames.stream().distinct().toList();
        List<String> unknown =
                names.stream().filter(n -> !builtins.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(
                    "unknown_tool",
                    "Unknown built-in tools " + unknown + "; available: " + builtins.keySet(),
                    Map.of("unknown", unknown, "available", List.copyOf(builtins.keySet())));
        }
        List<UUID> ids =
                sourceIds == null ? List.of() : sourceIds.stream().distinct().toList();
        for (UUID id : ids) {
            sources.find(chatbot.organizationId(), id)
                    .orElseThrow(() -> new NotFoundException(
                            "tool_source_not_found", "No tool source with id '" + id + "' in this organization"));
        }
        selections.replace(chatbotId, chatbot.organizationId(), names, ids);
        return selection(chatbotId);
    }

    public Selection selection(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return new Selection(
                selections.refs(chatbotId, "builtin"),
                selections.refs(chatbotId, "source").stream()
                        .map(UUID::fromString)
                        .toList());
    }

    public List<ToolExecution> executions(ConversationId conversationId) {
        return executions.forConversation(conversationId);
    }

    private Map<String, ToolInvoker.Target> targets(ChatbotId chatbotId) {
        return offered.get(chatbotId, this::load);
    }

    private Map<String, ToolInvoker.Target> load(ChatbotId chatbotId) {
        Map<String, ToolInvoker.Target> targets = new LinkedHashMap<>();
        for (String name : selections.refs(chatbotId, "builtin")) {
            BuiltinTool tool = builtins.get(name);
            if (tool != null) {
                targets.put(name, new ToolInvoker.Builtin(tool));
            }
        }
        for (ToolSource source : sources.enabledFor(chatbotId)) {
            for (ToolSpec spec : source.tools()) {
                targets.putIfAbsent(spec.name(), new ToolInvoker.Remote(source, spec));
            }
        }
        return Collections.unmodifiableMap(targets);
    }

    private String storableArguments(String argumentsJson) {
        try {
            json.readTree(argumentsJson);
            return argumentsJson;
        } catch (JacksonException e) {
            return json.writeValueAsString(argumentsJson);
        }
    }
}
