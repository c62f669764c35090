package io.parley.knowledge;

/**
 * New settings; null fields keep their value. {@code apiKey}: null keeps the stored key, "" removes it. Changing
 * the embedding provider, model or base URL re-embeds every source of the chatbot.
 */
public record KnowledgeSettingsUpdate(
        String provider, String model, String baseUrl, String apiKey, Integer chunkSize, Integer chunkOverlap) {}
