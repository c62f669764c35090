package io.parley.knowledge;

/**
 * How a chatbot's knowledge is chunked and embedded. {@code provider} is local, openai, gemini or ollama; the API
 * key is never returned, only whether one is set.
 */
public record KnowledgeSettings(
        String provider, String model, String baseUrl, boolean apiKeySet, int chunkSize, int chunkOverlap) {}
