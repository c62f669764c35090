package io.parley.flows.internal.runtime;

import io.parley.agent.Agent;
import io.parley.agent.AgentReply;
import io.parley.agent.AgentRequest;
import io.parley.flows.engine.FlowPorts;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.llm.Models;
import io.parley.llm.ToolCall;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.ModelSettings;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's ports for one conversation: {@code llm} steps call the chatbot's model; {@code http} is
 * {@link HttpAction}; other actions run the organization's tool of the same name with {@code _} for {@code .} ({@code calendar.find_slots} → tool {@code calendar_find_slots};
 * {@code tool.<name>} → tool {@code <name>}). {@code notify.staff} only records that it ran.
 */
final class LiveFlowPorts implements FlowPorts {
    private static final Logger log = LoggerFactory.getLogger(LiveFlowPorts.class);

    private final Chatbot chatbot;
    private final ToolContext tools;
    private final Models models;
    private final Tools toolbox;
    private final JsonMapper json;
    private final Duration timeout;
    private final Agent agent;
    private final AgentRequest.ContactContext contact;
    private final ChannelType channel;
    private final HttpAction httpAction;

    LiveFlowPorts(
            Chatbot chatbot,
            ToolContext tools,
            Models models,
            Tools toolbox,
            JsonMapper json,
            Duration timeout,
            Agent agent,
            AgentRequest.ContactContext contact,
            ChannelType channel,
            HttpAction httpAction) {
        this.httpAction = httpAction;
        this.agent = agent;
        this.contact = contact;
        this.channel = channel;
        this.chatbot = chatbot;
        this.tools = tools;
        this.models = models;
        this.toolbox = toolbox;
        this.json = json;
        // The chatbot's own model timeout when it has one, as the agent's turns use (the platform's otherwise).
        this.timeout = Chatbots.effectiveTimeout(chatbot, timeout);
    }

    @Override
    public Optional<Map<String, Object>> extract(String stepId, Map<String, String> schema, String text) {
        String instructions = "Extract these facts from the customer's message and answer with one JSON object and"
                + " nothing else. Fields and types: " + json.writeValueAsString(schema)
                + ". Use null for a fact the message does not give.";
        return call(instructions, text).flatMap(answer -> facts(answer, schema));
    }

    /**
     * One agent turn: the chatbot's prompt, knowledge and tools, answering {@code text} (with the step's
     * {@code instructions} before it). A fallback of the agent (model failed) is an empty result.
     */
    @Override
    public Optional<String> reply(String stepId, String instructions, String text) {
        String asked = instructions == null ? text : instructions + "\n\n" + text;
        AgentReply reply = agent.respond(new AgentRequest(
                chatbot,
                tools.conversationId(),
                tools.contactId(),
                contact,
                channel,
                List.of(new AgentRequest.HistoryMessage(AgentRequest.HistoryMessage.Role.USER, asked))));
        return reply.outcome() == AgentReply.Outcome.ANSWERED && !reply.text().isBlank()
                ? Optional.of(reply.text())
                : Optional.empty();
    }

    /** The chatbot's model alone answering {@code text} (its prompt and {@code instructions}; no knowledge, no tools). */
    Optional<String> modelReply(String instructions, String text) {
        String system = chatbot.systemPrompt() == null ? "" : chatbot.systemPrompt();
        return call(instructions == null ? system : system + "\n\n" + instructions, text)
                .filter(answer -> !answer.isBlank());
    }

    @Override
    public ActionResult action(String stepId, String name, Map<String, Object> arguments) {
        if (name.equals("notify.staff")) {
            return ActionResult.ok(Map.of("ok", true));
        }
        if (name.equals("http")) {
            return httpAction.run(arguments);
        }
        String tool = name.startsWith("tool.") ? name.substring("tool.".length()) : name.replace('.', '_');
        ToolOutcome outcome = toolbox.execute(
                tools, new ToolCall("flow-" + UUID.randomUUID(), tool, json.writeValueAsString(arguments)));
        if (outcome.status() != ToolOutcome.Status.SUCCESS) {
            return ActionResult.failed(
                    outcome.error() == null ? outcome.status().name() : outcome.error());
        }
        try {
            return ActionResult.ok(json.readValue(outcome.resultJson(), Object.class));
        } catch (JacksonException e) {
            return ActionResult.ok(outcome.resultJson());
        }
    }

    private Optional<String> call(String system, String text) {
        ModelSettings m = chatbot.model();
        ModelSpec spec = new ModelSpec(
                m.provider(), m.name(), m.baseUrl(), m.apiKey(), m.temperature(), timeout, m.maxOutputTokens());
        try {
            ModelReply reply = models.chat(
                    new ModelRequest(spec, List.of(ChatMessage.system(system), ChatMessage.user(text)), List.of()));
            return reply.answered() ? Optional.of(reply.text()) : Optional.empty();
        } catch (RuntimeException e) {
            log.warn("A flow's model call failed: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Map<String, Object>> facts(String answer, Map<String, String> schema) {
        String body = answer.strip();
        int start = body.indexOf('{');
        int end = body.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        Object parsed;
        try {
            parsed = json.readValue(body.substring(start, end + 1), Object.class);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : schema.entrySet()) {
            Object value = map.get(field.getKey());
            if (value == null) {
                continue;
            }
            boolean fits = switch (field.getValue()) {
                case "string" -> value instanceof String;
                case "boolean" -> value instanceof Boolean;
                case "integer" -> value instanceof Integer || value instanceof Long;
                default -> value instanceof Number;
            };
            if (!fits) {
                return Optional.empty();
            }
            facts.put(field.getKey(), value);
        }
        return Optional.of(facts);
    }
}
