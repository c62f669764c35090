package io.parley.llm;

import java.util.Objects;

/**
 * A passage of the chatbot's knowledge retrieved for this turn. LLM adapters see these rendered into the system
 * prompt by the agent; the offline model may answer with the best one directly.
 *
 * @param source the name of the document it comes from, to cite
 * @param score  relevance in 0..1 (1 = first by keywords and by meaning)
 */
public record ContextPassage(String text, String source, double score) {
    public ContextPassage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }
}
