package io.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's streamed chat completions on the wire: {@code chat.completion.chunk} events, then {@code [DONE]}. */
public final class OpenAiStreams {
    private OpenAiStreams() {}

    /** A streamed answer in the given pieces, with usage in the last chunk as {@code include_usage} asks. */
    public static ResponseDefinitionBuilder text(String... pieces) {
        return text(42, 7, pieces);
    }

    /** A streamed answer in the given pieces, reporting {@code prompt} and {@code completion} tokens. */
    public static ResponseDefinitionBuilder text(int prompt, int completion, String... pieces) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk("{\"role\": \"assistant\", \"content\": \"\"}", null));
        for (String piece : pieces) {
            chunks.add(chunk("{\"content\": " + Api.json().writeValueAsString(piece) + "}", null));
        }
        chunks.add(chunk("{}", "stop"));
        chunks.add(usage(prompt, completion));
        return events(chunks);
    }

    /** A streamed round asking for one tool call, its arguments in two pieces. */
    public static ResponseDefinitionBuilder toolCall(String callId, String tool, String argumentsJson) {
        int half = argumentsJson.length() / 2;
        return events(List.of(
                chunk("""
                        {"role": "assistant", "content": null, "tool_calls": [{"index": 0, "id": "%s", "type": "function",
                          "function": {"name": "%s", "arguments": ""}}]}""".formatted(callId, tool), null),
                chunk(
                        "{\"tool_calls\": [{\"index\": 0, \"function\": {\"arguments\": "
                                + Api.json().writeValueAsString(argumentsJson.substring(0, half)) + "}}]}",
                        null),
                chunk(
                        "{\"tool_calls\": [{\"index\": 0, \"function\": {\"arguments\": "
                                + Api.json().writeValueAsString(argumentsJson.substring(half)) + "}}]}",
                        null),
                chunk("{}", "tool_calls"),
                usage(30, 5)));
    }

    private static ResponseDefinitionBuilder events(List<String> chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk.replace("\n", " ")).append("\n\n");
        }
        body.append("data: [DONE]\n\n");
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body.toString());
    }

    private static String chunk(String delta, String finishReason) {
        return """
                {"id": "chatcmpl-stream", "object": "chat.completion.chunk", "created": 1700000000, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "delta": %s, "finish_reason": %s}]}""".formatted(delta, finishReason == null ? "null" : "\"" + finishReason + "\"");
    }

    private static String usage(int prompt, int completion) {
        return """
                {"id": "chatcmpl-stream", "object": "chat.completion.chunk", "created": 1700000000, "model": "gpt-4o-mini",
                 "choices": [], "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}""".formatted(prompt, completion, prompt + completion);
    }
}
