package io.parley.llm.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import io.parley.platform.egress.EgressHttp;
import org.springframework.stereotype.Component;

/** A local Ollama server through its native chat API ({@code /api/chat}). */
@Component
public class OllamaModelGateway extends LangChainGateway {
    static final String DEFAULT_BASE_URL = "http://localhost:11434";

    public OllamaModelGateway(EgressHttp http) {
        super(ProviderFamily.OLLAMA, http);
    }

    @Override
    String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    ChatModel build(ModelKey key) {
        return OllamaChatModel.builder()
                .baseUrl(key.baseUrl())
                .httpClientBuilder(httpClient())
                .modelName(key.name())
                .temperature(key.temperature())
                .numPredict(key.maxOutputTokens())
                .timeout(key.timeout())
                .maxRetries(0)
                .build();
    }
}
