package io.parley.knowledge.internal;

import io.parley.platform.ChatbotId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which {@link Embedder} a chatbot's knowledge uses: its knowledge settings name the provider (local by default).
 * Remote embedders are built once per configuration and shared by every chatbot configured alike.
 */
@Component
public class Embedders {
    /** One per JVM: the ONNX model is thread-safe, and several application contexts (tests) share it. */
    private static final LocalEmbedder LOCAL = new LocalEmbedder();

    private final LocalEmbedder local = LOCAL;
    private final SettingsRepository settings;
    private final KnowledgeProperties properties;
    private final Map<Key, Embedder> remote = new ConcurrentHashMap<>();

    Embedders(SettingsRepository settings, KnowledgeProperties properties) {
        this.settings = settings;
        this.properties = properties;
    }

    /** The key's hash, not the key: cache keys may end up in heap dumps and debug output. */
    private record Key(String provider, String model, String baseUrl, int apiKeyHash) {
    }

    public Embedder forChatbot(ChatbotId chatbotId) {
        SettingsRepository.Stored stored = settings.find(chatbotId);
        if ("local".equals(stored.provider())) {
            return local;
        }
        String apiKey = stored.apiKey() == null ? null : stored.apiKey().reveal();
        Key key = new Key(stored.provider(), stored.model(), stored.baseUrl(), apiKey == null ? 0 : apiKey.hashCode());
        return remote.computeIfAbsent(key, k -> RemoteEmbedder.of(k.provider(), k.model(), k.baseUrl(), apiKey,
                properties.remoteTimeout()));
    }

    /** The model id a chatbot's sources would be embedded with, without building anything. */
    public static String modelIdOf(String provider, String model) {
        return switch (provider) {
            case "openai" -> "openai:" + (model == null ? RemoteEmbedder.OPENAI_DEFAULT : model);
            case "gemini" -> "gemini:" + (model == null ? RemoteEmbedder.GEMINI_DEFAULT : model);
            case "ollama" -> "ollama:" + (model == null ? RemoteEmbedder.OLLAMA_DEFAULT : model);
            default -> LocalEmbedder.MODEL_ID;
        };
    }
}
