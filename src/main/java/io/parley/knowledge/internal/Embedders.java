package io.parley.knowledge.internal;

import io.parley.platform.ChatbotId;
import org.springframework.stereotype.Component;

/** Which {@link Embedder} a chatbot's knowledge uses. Today every chatbot uses the local model. */
@Component
public class Embedders {
    private final LocalEmbedder local = new LocalEmbedder();

    public Embedder forChatbot(ChatbotId chatbotId) {
        return local;
    }
}
