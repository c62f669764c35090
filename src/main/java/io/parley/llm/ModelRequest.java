package io.parley.llm;

import java.util.List;
import java.util.Objects;

/**
 * One call to a model: the conversation so far (system prompt first, oldest message first, the messages to
 * answer last, then any tool calls and results of this turn), the reference answers it may draw on, the tools it
 * may call, and the knowledge passages retrieved for the turn (best first). Adapters of providers without tool
 * support ignore {@code tools}; LLM adapters ignore {@code passages} (the system prompt already carries them).
 */
public record ModelRequest(
        ModelSpec spec,
        List<ChatMessage> messages,
        List<ReferenceAnswer> references,
        List<ToolSpec> tools,
        List<ContextPassage> passages) {
    public ModelRequest {
        Objects.requireNonNull(spec, "spec");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        references = references == null ? List.of() : List.copyOf(references);
        tools = tools == null ? List.of() : List.copyOf(tools);
        passages = passages == null ? List.of() : List.copyOf(passages);
    }

    public ModelRequest(
            ModelSpec spec, List<ChatMessage> messages, List<ReferenceAnswer> references, List<ToolSpec> tools) {
        this(spec, messages, references, tools, List.of());
    }

    public ModelRequest(ModelSpec spec, List<ChatMessage> messages, List<ReferenceAnswer> references) {
        this(spec, messages, references, List.of());
    }
}
