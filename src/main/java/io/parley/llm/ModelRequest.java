package io.parley.llm;

import java.util.List;
import java.util.Objects;

/**
 * One call to a model: the conversation so far (system prompt first, oldest message first, the messages to
 * answer last, then any tool calls and results of this turn), the reference answers it may draw on, and the tools it
 * may call. Adapters of providers without tool support ignore {@code tools}.
 */
public record ModelRequest(ModelSpec spec, List<ChatMessage> messages, List<ReferenceAnswer> references,
                           List<ToolSpec> tools) {
    public ModelRequest {
        Objects.requireNonNull(spec, "spec");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        references = references == null ? List.of() : List.copyOf(references);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ModelRequest(ModelSpec spec, List<ChatMessage> messages, List<ReferenceAnswer> references) {
        this(spec, messages, references, List.of());
    }
}
