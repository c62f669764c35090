package io.parley.llm.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ToolCall;
import io.parley.llm.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/** Parley's model messages and tools to LangChain4j's and back, the same for every provider. */
final class LangChainMessages {
    private LangChainMessages() {}

    static ChatRequest toRequest(ModelRequest request) {
        ChatRequest.Builder builder = ChatRequest.builder()
                .messages(request.messages().stream()
                        .map(LangChainMessages::toLangChain)
                        .toList());
        if (!request.tools().isEmpty()) {
            builder.toolSpecifications(request.tools().stream()
                    .map(LangChainMessages::toSpecification)
                    .toList());
        }
        return builder.build();
    }

    static ModelReply toReply(ChatResponse response, String provider, String model) {
        AiMessage message = response.aiMessage();
        String text = message == null ? null : message.text();
        List<ToolCall> calls = new ArrayList<>();
        if (message != null && message.hasToolExecutionRequests()) {
            List<ToolExecutionRequest> requests = message.toolExecutionRequests();
            for (int i = 0; i < requests.size(); i++) {
                ToolExecutionRequest r = requests.get(i);
                // Gemini and Ollama do not number their calls; the result must still name the call it answers.
                String id = r.id() == null || r.id().isBlank() ? "call_" + (i + 1) : r.id();
                calls.add(new ToolCall(id, r.name(), r.arguments()));
            }
        }
        TokenUsage usage = response.tokenUsage();
        int input = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int output = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        boolean answered = text != null && !text.isBlank();
        return new ModelReply(answered ? text : "", answered, input, output, provider, model, calls);
    }

    private static dev.langchain4j.data.message.ChatMessage toLangChain(ChatMessage m) {
        return switch (m.role()) {
            case SYSTEM -> SystemMessage.from(m.text());
            case USER -> UserMessage.from(m.text());
            case ASSISTANT ->
                m.toolCalls().isEmpty()
                        ? AiMessage.from(m.text())
                        : AiMessage.builder()
                                .text(m.text().isBlank() ? null : m.text())
                                .toolExecutionRequests(m.toolCalls().stream()
                                        .map(LangChainMessages::toRequest)
                                        .toList())
                                .build();
            case TOOL -> ToolExecutionResultMessage.from(m.toolCallId(), m.toolName(), m.text());
        };
    }

    private static ToolExecutionRequest toRequest(ToolCall call) {
        return ToolExecutionRequest.builder()
                .id(call.id())
                .name(call.name())
                .arguments(call.argumentsJson())
                .build();
    }

    private static ToolSpecification toSpecification(ToolSpec tool) {
        return ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description().isBlank() ? null : tool.description())
                .parameters(JsonSchemaConverter.toObjectSchema(tool.parametersSchema()))
                .build();
    }
}
