package io.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;

/** An OpenAI-compatible chat completions endpoint on WireMock, under a path of its own. */
public record LlmFake(String prefix) {

    public static LlmFake create() {
        return new LlmFake("/llm/" + UUID.randomUUID());
    }

    public String baseUrl() {
        return Fakes.baseUrl() + prefix + "/v1";
    }

    public String apiKey() {
        return "sk-test-" + prefix.substring(prefix.lastIndexOf('/') + 1);
    }

    private String path() {
        return prefix + "/v1/chat/completions";
    }

    /** Answers {@code text}: as one completion, or as one chunk when the request asks for a stream. */
    public LlmFake replies(String text) {
        Fakes.wiremock().stubFor(post(urlEqualTo(path())).willReturn(okJson(completion(text))));
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(path()))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                        .willReturn(OpenAiStreams.text(text)));
        return this;
    }

    /** Streams an answer in the given pieces (to streaming requests; a plain request gets them as one text). */
    public LlmFake streams(String... pieces) {
        replies(String.join("", pieces));
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(path()))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                        .willReturn(OpenAiStreams.text(pieces)));
        return this;
    }

    public LlmFake replies(ResponseDefinitionBuilder response) {
        Fakes.wiremock().stubFor(post(urlEqualTo(path())).willReturn(response));
        return this;
    }

    /** Answers with the given responses in order, then keeps answering with the last one. */
    public LlmFake repliesInSequence(ResponseDefinitionBuilder... responses) {
        String scenario = "llm-" + prefix;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            Fakes.wiremock()
                    .stubFor(post(urlEqualTo(path()))
                            .inScenario(scenario)
                            .whenScenarioStateIs(state)
                            .willSetStateTo(next)
                            .willReturn(responses[i]));
        }
        return this;
    }

    public List<LoggedRequest> requests() {
        return Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(path())));
    }

    public static ResponseDefinitionBuilder ok(String text) {
        return okJson(completion(text));
    }

    public static ResponseDefinitionBuilder error(int status, String type, String code) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                {"error": {"message": "simulated %d", "type": "%s", "param": null, "code": "%s"}}""".formatted(status, type, code));
    }

    /** An OpenAI chat completion asking for one tool call. */
    public static ResponseDefinitionBuilder toolCall(String callId, String tool, String argumentsJson) {
        return okJson("""
                {"id": "chatcmpl-tools", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                   "tool_calls": [{"id": "%s", "type": "function",
                                   "function": {"name": "%s", "arguments": %s}}]}}],
                 "usage": {"prompt_tokens": 30, "completion_tokens": 5, "total_tokens": 35}}""".formatted(callId, tool, Api.json().writeValueAsString(argumentsJson)));
    }

    public static String completion(String text) {
        return """
                {"id": "chatcmpl-test", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49}}""".formatted(Api.json().writeValueAsString(text));
    }
}
