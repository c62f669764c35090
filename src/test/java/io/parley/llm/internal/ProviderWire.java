package io.parley.llm.internal;

import io.parley.testing.LoopbackEgress;
import java.util.function.Supplier;

/**
 * One remote provider's wire format, as its API documents it: where the chat call goes and what its answers, tool
 * calls and errors look like. Used by {@link ProviderGatewaysTest} and the providers' contract tests.
 */
enum ProviderWire {
    OPENAI(() -> new OpenAiModelGateway(LoopbackEgress.http()), "/v1", "/v1/chat/completions") {
        @Override
        String text(String text, int in, int out) {
            return """
                    {"id": "chatcmpl-9xYz", "object": "chat.completion", "created": 1700000000, "model": "m-1",
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s", "refusal": null},
                                  "logprobs": null, "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}
                    """.formatted(text, in, out, in + out);
        }

        @Override
        String toolCall() {
            return """
                    {"id": "chatcmpl-tools", "object": "chat.completion", "created": 1700000000, "model": "m-1",
                     "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
                       "content": null, "tool_calls": [{"id": "call_01", "type": "function",
                         "function": {"name": "lookup_order", "arguments": "{\\"orderId\\": \\"A1\\"}"}}]}}],
                     "usage": {"prompt_tokens": 20, "completion_tokens": 4, "total_tokens": 24}}
                    """;
        }

        @Override
        String error(int status, String message) {
            return """
                    {"error": {"message": "%s", "type": "error", "param": null, "code": null}}""".formatted(message);
        }
    },
    GEMINI(() -> new GeminiModelGateway(LoopbackEgress.http()), "/v1beta", "/v1beta/models/m-1:generateContent") {
        @Override
        String text(String text, int in, int out) {
            return """
                    {"candidates": [{"content": {"role": "model", "parts": [{"text": "%s"}]},
                      "finishReason": "STOP", "index": 0}],
                     "usageMetadata": {"promptTokenCount": %d, "candidatesTokenCount": %d, "totalTokenCount": %d}}
                    """.formatted(text, in, out, in + out);
        }

        @Override
        String toolCall() {
            return """
                    {"candidates": [{"content": {"role": "model",
                       "parts": [{"functionCall": {"name": "lookup_order", "args": {"orderId": "A1"}}}]},
                      "finishReason": "STOP", "index": 0}],
                     "usageMetadata": {"promptTokenCount": 20, "candidatesTokenCount": 4, "totalTokenCount": 24}}
                    """;
        }

        @Override
        String error(int status, String message) {
            return """
                    {"error": {"code": %d, "message": "%s", "status": "ERROR"}}""".formatted(status, message);
        }
    },
    ANTHROPIC(() -> new AnthropicModelGateway(LoopbackEgress.http()), "/v1", "/v1/messages") {
        @Override
        String text(String text, int in, int out) {
            return """
                    {"id": "msg_01", "type": "message", "role": "assistant", "model": "m-1",
                     "content": [{"type": "text", "text": "%s"}], "stop_reason": "end_turn",
                     "stop_sequence": null, "usage": {"input_tokens": %d, "output_tokens": %d}}
                    """.formatted(text, in, out);
        }

        @Override
        String toolCall() {
            return """
                    {"id": "msg_02", "type": "message", "role": "assistant", "model": "m-1",
                     "content": [{"type": "tool_use", "id": "toolu_01", "name": "lookup_order",
                                  "input": {"orderId": "A1"}}],
                     "stop_reason": "tool_use", "usage": {"input_tokens": 20, "output_tokens": 4}}
                    """;
        }

        @Override
        String error(int status, String message) {
            return anthropicError("api_error", message);
        }
    },
    OLLAMA(() -> new OllamaModelGateway(LoopbackEgress.http()), "", "/api/chat") {
        @Override
        String text(String text, int in, int out) {
            return """
                    {"model": "m-1", "created_at": "2026-11-21T10:00:00Z",
                     "message": {"role": "assistant", "content": "%s"}, "done_reason": "stop", "done": true,
                     "prompt_eval_count": %d, "eval_count": %d}
                    """.formatted(text, in, out);
        }

        @Override
        String toolCall() {
            return """
                    {"model": "m-1", "created_at": "2026-11-21T10:00:00Z",
                     "message": {"role": "assistant", "content": "",
                       "tool_calls": [{"function": {"name": "lookup_order", "arguments": {"orderId": "A1"}}}]},
                     "done_reason": "stop", "done": true, "prompt_eval_count": 20, "eval_count": 4}
                    """;
        }

        @Override
        String error(int status, String message) {
            return "{\"error\": \"" + message + "\"}";
        }
    };

    private final Supplier<LangChainGateway> gateway;
    final String basePath;
    final String path;

    ProviderWire(Supplier<LangChainGateway> gateway, String basePath, String path) {
        this.gateway = gateway;
        this.basePath = basePath;
        this.path = path;
    }

    /** A new gateway of this provider (its own model cache). */
    LangChainGateway newGateway() {
        return gateway.get();
    }

    /** A completed answer of {@code text} with its usage. */
    abstract String text(String text, int in, int out);

    /** A round asking for {@code lookup_order} with {@code {"orderId": "A1"}}. */
    abstract String toolCall();

    /** The provider's error body for a status, carrying {@code message}. */
    abstract String error(int status, String message);

    static String anthropicError(String type, String message) {
        return "{\"type\": \"error\", \"error\": {\"type\": \"%s\", \"message\": \"%s\"}}".formatted(type, message);
    }
}
