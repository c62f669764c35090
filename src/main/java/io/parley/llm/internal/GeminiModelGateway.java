package io.parley.llm.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import io.parley.platform.egress.EgressHttp;
import org.springframework.stereotype.Component;

/** Google Gemini through the Gemini API (generativelanguage.googleapis.com). */
@Component
public class GeminiModelGateway extends LangChainGateway {
    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    public GeminiModelGateway(EgressHttp http) {
        super(ProviderFamily.GEMINI, http);
    }

    @Override
    String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    ChatModel build(ModelKey key) {
        return GoogleAiGeminiChatModel.builder()
                .baseUrl(key.baseUrl())
                .httpClientBuilder(httpClient())
                .apiKey(key.revealedKey(""))
                .modelName(key.name())
                .temperature(key.temperature())
                .maxOutputTokens(key.maxOutputTokens())
                .timeout(key.timeout())
                .maxRetries(0)
                .build();
    }
}
