package io.parley.llm.internal;

import io.parley.llm.ChatMessage;
import io.parley.llm.ModelGateway;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ReferenceAnswer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The embedded default model: answers from the chatbot's FAQ by word overlap, deterministic and offline. */
@Component
public class OfflineModelGateway implements ModelGateway {
    static final String PROVIDER = "offline";
    static final String DEFAULT_MODEL = "faq-lexical";
    /** The usual rule of thumb for English-like text; the ledger needs a number, not an exact count. */
    private static final int CHARS_PER_TOKEN = 4;

    private final LexicalMatcher matcher = new LexicalMatcher();

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        String model = request.spec().name() == null ? DEFAULT_MODEL : request.spec().name();
        int inputTokens = Math.max(1, estimateTokens(
                request.messages().stream().mapToInt(m -> m.text().length()).sum()));
        Optional<ReferenceAnswer> match = matcher.bestMatch(trailingUserText(request.messages()),
                request.references());
        if (match.isEmpty()) {
            // Nothing was generated, so nothing is charged as output.
            return new ModelReply("", false, inputTokens, 0, PROVIDER, model);
        }
        String answer = match.get().answer();
        return new ModelReply(answer, true, inputTokens, Math.max(1, estimateTokens(answer.length())), PROVIDER,
                model);
    }

    // A burst of user messages is answered together, and the question is often in the last one.
    static String trailingUserText(List<ChatMessage> messages) {
        Deque<String> burst = new ArrayDeque<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i).role() == ChatMessage.Role.USER; i--) {
            burst.addFirst(messages.get(i).text());
        }
        return String.join("\n", burst);
    }

    static int estimateTokens(int chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
