package io.parley.llm.internal;

import io.parley.llm.ReferenceAnswer;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the FAQ entry whose question best covers the user's words. Coverage of the FAQ question decides; words
 * shared with the answer only add a little, so an answer's incidental vocabulary can never produce a match alone.
 */
final class LexicalMatcher {
    /** Half of the FAQ question's words must appear in the query; below that, unrelated chatter matched. */
    static final double MIN_SCORE = 0.5;

    static final double QUESTION_WEIGHT = 1.0;
    /** Kept below MIN_SCORE so the answer alone never matches. */
    static final double ANSWER_WEIGHT = 0.3;
    /** Shorter prefixes ("ca" of "cat" and "card") conflate unrelated words. */
    private static final int MIN_PREFIX_LENGTH = 4;

    Optional<ReferenceAnswer> bestMatch(String query, List<ReferenceAnswer> references) {
        if (Tokenizer.isGreeting(query)) {
            // A greeting has no content words to compare; it finds the first entry that is itself a greeting.
            return references.stream()
                    .filter(r -> Tokenizer.isGreeting(r.question()))
                    .findFirst();
        }
        Set<String> queryTokens = Tokenizer.tokens(query);
        if (queryTokens.isEmpty()) {
            return Optional.empty();
        }
        ReferenceAnswer best = null;
        double bestScore = 0.0;
        for (ReferenceAnswer reference : references) {
            double score = score(queryTokens, reference);
            // Strictly greater: on a tie the earlier FAQ entry wins, so answers are reproducible.
            if (score > bestScore) {
                best = reference;
                bestScore = score;
            }
        }
        return bestScore >= MIN_SCORE ? Optional.ofNullable(best) : Optional.empty();
    }

    double score(Set<String> queryTokens, ReferenceAnswer reference) {
        Set<String> questionTokens = Tokenizer.tokens(reference.question());
        if (questionTokens.isEmpty()) {
            return 0.0;
        }
        Set<String> answerTokens = Tokenizer.tokens(reference.answer());
        long questionHits = questionTokens.stream()
                .filter(t -> containsSimilar(queryTokens, t))
                .count();
        long answerHits = queryTokens.stream()
                .filter(t -> !containsSimilar(questionTokens, t) && containsSimilar(answerTokens, t))
                .count();
        return QUESTION_WEIGHT * questionHits / questionTokens.size() + ANSWER_WEIGHT * answerHits / queryTokens.size();
    }

    static boolean containsSimilar(Set<String> tokens, String token) {
        if (tokens.contains(token)) {
            return true;
        }
        return tokens.stream().anyMatch(candidate -> similar(candidate, token));
    }

    // A shared stem of four or more letters: "open"/"opening", "atencion"/"atencione", "price"/"pric".
    private static boolean similar(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= MIN_PREFIX_LENGTH && longer.startsWith(shorter);
    }
}
