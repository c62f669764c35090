package io.parley.knowledge.internal.embed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.knowledge.internal.KnowledgeProperties;
import io.parley.knowledge.internal.SettingsRepository;
import io.parley.platform.ChatbotId;
import io.parley.platform.Secret;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.platform.egress.EgressHttp;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Which {@link Embedder} a chatbot's knowledge uses: its knowledge settings name the provider (local by default).
 * Remote embedders are built once per configuration and shared by every chatbot configured alike. The settings are
 * read for every search of a chatbot with knowledge: cached per node, forgotten on every node when they change.
 */
@Component
public class Embedders {
    /** One per JVM: the ONNX model is thread-safe, and several application contexts (tests) share it. */
    private static final LocalEmbedder LOCAL = new LocalEmbedder();

    private final LocalEmbedder local = LOCAL;
    private final SettingsRepository settings;
    private final KnowledgeProperties properties;
    // Many tenants with distinct settings must not pile up built embedding models.
    private final Cache<Key, Embedder> remote = Caffeine.newBuilder()
            .maximumSize(256)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    private final EgressHttp http;
    private final SharedCache<ChatbotId, SettingsRepository.Stored> stored;

    Embedders(SettingsRepository settings, KnowledgeProperties properties, EgressHttp http, ChangeNotices notices) {
        this.settings = settings;
        this.properties = properties;
        this.http = http;
        this.stored = notices.cache(SettingsRepository.TOPIC, "knowledge-settings");
    }

    /**
     * The whole key, compared by value: a hash alone could let two organizations with colliding keys share one
     * embedder (and so one key). As a {@link Secret} it prints masked.
     */
    private record Key(String provider, String model, String baseUrl, Secret apiKey) {}

    public Embedder forChatbot(ChatbotId chatbotId) {
        SettingsRepository.Stored settings = stored.get(chatbotId, this.settings::find);
        if ("local".equals(settings.provider())) {
            return local;
        }
        Key key = new Key(settings.provider(), settings.model(), settings.baseUrl(), settings.apiKey());
        return remote.get(
                key,
                k -> RemoteEmbedder.of(
                        k.provider(),
                        k.model(),
                        k.baseUrl(),
                        k.apiKey() == null ? null : k.apiKey().reveal(),
                        properties.remoteTimeout(),
                        http.langChain4j()));
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
