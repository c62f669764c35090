package io.parley.llm.internal;

import io.parley.llm.ChatMessage;
import io.parley.llm.ContextPassage;
import io.parley.llm.ModelGateway;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ReferenceAnswer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The embedded default model, deterministic and offline: answers from the chatbot's FAQ by word overlap; failing
 * that, from the best knowledge passage the agent retrieved when its score clears {@code minPassageScore}: with the
 * passage's sentence or table row closest to the question ({@link PassageExcerpt}), citing the passage's source.
 * Curated FAQ answers win over passages because an operator wrote them for that question.
 */
@Component
public class OfflineModelGateway implements ModelGateway {
    /** A passage first by keywords and near the top by meaning scores about 0.9; one list alone at most 0.5. */
    static final double DEFAULT_MIN_PASSAGE_SCORE = 0.7;

    static final String PROVIDER = "offline";
    static final String DEFAULT_MODEL = "faq-lexical";
    /** The usual rule of thumb for English-like text; the ledger needs a number, not an exact count. */
    private static final int CHARS_PER_TOKEN = 4;

    private final LexicalMatcher matcher = new LexicalMatcher();
    private final double minPassageScore;

    public OfflineModelGateway() {
        this(DEFAULT_MIN_PASSAGE_SCORE);
    }

    @Autowired
    public OfflineModelGateway(@Value("${parley.knowledge.offline-min-score:0.7}") double minPassageScore) {
        this.minPassageScore = minPassageScore;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        String model =
                request.spec().name() == null ? DEFAULT_MODEL : request.spec().name();
        int inputTokens = Math.max(
                1,
                estimateTokens(request.messages().stream()
                        .mapToInt(m -> m.text().length())
                        .sum()));
        String question = trailingUserText(request.messages());
        Optional<ReferenceAnswer> match = matcher.bestMatch(question, request.references());
        Optional<String> answered =
                match.map(ReferenceAnswer::answer).or(() -> passageAnswer(request.passages(), question));
        if (answered.isEmpty()) {
            // Nothing was generated, so nothing is charged as output.
            return new ModelReply("", false, inputTokens, 0, PROVIDER, model);
        }
        String answer = answered.get();
        return new ModelReply(answer, true, inputTokens, Math.max(1, estimateTokens(answer.length())), PROVIDER, model);
    }

    private Optional<String> passageAnswer(List<ContextPassage> passages, String question) {
        return passages.stream()
                .filter(p -> p.score() >= minPassageScore)
                .max(java.util.Comparator.comparingDouble(ContextPassage::score))
                .map(p -> PassageExcerpt.best(p.text(), question) + "\n\n(" + p.source() + ")");
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
