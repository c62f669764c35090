package io.parley.llm;

import java.util.List;
import java.util.Objects;

/**
 * One message of a model conversation.
 *
 * @param toolCalls  for ASSISTANT messages that asked for tools (text may then be empty)
 * @param toolCallId for TOOL messages: the call this result answers
 * @param toolName   for TOOL messages: the tool that produced it
 */
public record ChatMessage(Role role, String text, List<ToolCall> toolCalls, String toolCallId, String toolName) {
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT,
        TOOL
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (role == Role.TOOL && (toolCallId == null || toolName == null)) {
            throw new IllegalArgumentException("A TOOL message needs toolCallId and toolName");
        }
    }

    public ChatMessage(Role role, String text) {
        this(role, text, List.of(), null, null);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, text);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text);
    }

    public static ChatMessage assistantCalling(String text, List<ToolCall> calls) {
        return new ChatMessage(Role.ASSISTANT, text, calls, null, null);
    }

    public static ChatMessage toolResult(ToolCall call, String resultJson) {
        return new ChatMessage(Role.TOOL, resultJson, List.of(), call.id(), call.name());
    }
}
