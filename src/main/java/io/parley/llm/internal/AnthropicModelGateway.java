package io.parley.llm.internal;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import io.parley.platform.egress.EgressHttp;
import org.springframework.stereotype.Component;

/** Anthropic Claude through its Messages API. */
@Component
public class AnthropicModelGateway extends LangChainGateway {
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1/";
    /** The Messages API requires max_tokens; this is what Parley asks for when a chatbot sets no cap. */
    static final int DEFAULT_MAX_TOKENS = 1024;
    /** Anthropic accepts temperatures up to 1.0; Parley's scale goes to 2.0 (OpenAI's). */
    static final double MAX_TEMPERATURE = 1.0;

    public AnthropicModelGateway(EgressHttp http) {
        super(ProviderFamily.ANTHROPIC, http);
    }

    @Override
    String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    ChatModel build(ModelKey key) {
        return AnthropicChatModel.builder()
                .baseUrl(key.baseUrl())
                .httpClientBuilder(httpClient())
                .apiKey(key.revealedKey(""))
                .modelName(key.name())
                .temperature(Math.min(MAX_TEMPERATURE, key.temperature()))
                .maxTokens(key.maxOutputTokens() == null ? DEFAULT_MAX_TOKENS : key.maxOutputTokens())
                .timeout(key.timeout())
                .maxRetries(0)
                .build();
    }
}
