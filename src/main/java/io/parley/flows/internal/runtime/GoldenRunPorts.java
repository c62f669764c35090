package io.parley.flows.internal.runtime;

import io.parley.flows.engine.FlowPorts;
import io.parley.llm.Models;
import io.parley.platform.ChatbotId;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import io.parley.tools.ToolContext;
import io.parley.tools.Tools;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ports a tenant's golden run uses where the golden has no stub: the chatbot's real model for {@code llm} steps
 * (so the run is {@code nondeterministic}), and no action at all — a test run must not hold a calendar slot or call
 * the tenant's server, so an action without a stub fails as the flow would see a failed action.
 */
@Component
public class GoldenRunPorts {
    private final Chatbots chatbots;
    private final Models models;
    private final Tools tools;
    private final JsonMapper json;
    private final Duration timeout;

    GoldenRunPorts(
            Chatbots chatbots,
            Models models,
            Tools tools,
            JsonMapper json,
            @Value("${parley.llm.timeout:60s}") Duration timeout) {
        this.chatbots = chatbots;
        this.models = models;
        this.tools = tools;
        this.json = json;
        this.timeout = timeout;
    }

    public FlowPorts forChatbot(ChatbotId id) {
        Chatbot chatbot = chatbots.get(id);
        LiveFlowPorts model = new LiveFlowPorts(
                chatbot,
                new ToolContext(chatbot.organizationId(), id, null, null, 0),
                models,
                tools,
                json,
                timeout,
                null,
                null,
                null,
                null);
        return new FlowPorts() {
            @Override
            public Optional<Map<String, Object>> extract(String stepId, Map<String, String> schema, String text) {
                return model.extract(stepId, schema, text);
            }

            @Override
            public Optional<String> reply(String stepId, String instructions, String text) {
                return model.modelReply(instructions, text);
            }

            @Override
            public ActionResult action(String stepId, String name, Map<String, Object> arguments) {
                return ActionResult.failed("a golden run calls no action: give '" + name + "' a stub");
            }
        };
    }
}
