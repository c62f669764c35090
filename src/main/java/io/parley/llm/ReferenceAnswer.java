package io.parley.llm;

/**
 * A curated answer the model may use (the chatbot's FAQ). LLM adapters see these rendered into the system
 * prompt by the agent; the offline model matches the conversation against them directly.
 */
public record ReferenceAnswer(String question, String answer) {}
