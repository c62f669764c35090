package io.parley.llm.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.parley.platform.egress.EgressHttp;
import org.springframework.stereotype.Component;

/** Any OpenAI-compatible chat completions server (OpenAI, vLLM, LM Studio, Groq...) through LangChain4j. */
@Component
public class OpenAiModelGateway extends LangChainGateway {
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    // LangChain4j insists on a key; local servers ignore whatever is sent.
    static final String NO_KEY_PLACEHOLDER = "not-needed";

    public OpenAiModelGateway(EgressHttp http) {
        super(ProviderFamily.OPENAI, http);
    }

    @Override
    String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    ChatModel build(ModelKey key) {
        return OpenAiChatModel.builder()
                .baseUrl(key.baseUrl())
                .httpClientBuilder(httpClient())
                .apiKey(key.revealedKey(NO_KEY_PLACEHOLDER))
                .modelName(key.name())
                .temperature(key.temperature())
                .maxCompletionTokens(key.maxOutputTokens())
                .timeout(key.timeout())
                .maxRetries(0)
                .build();
    }

    /** Same settings on the streaming endpoint; LangChain4j does not retry streams. */
    @Override
    StreamingChatModel buildStreaming(ModelKey key) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(key.baseUrl())
                .httpClientBuilder(httpClient())
                .apiKey(key.revealedKey(NO_KEY_PLACEHOLDER))
                .modelName(key.name())
                .temperature(key.temperature())
                .maxCompletionTokens(key.maxOutputTokens())
                .timeout(key.timeout())
                .build();
    }
}
