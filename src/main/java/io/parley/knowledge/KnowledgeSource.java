package io.parley.knowledge;

import io.parley.platform.ChatbotId;
import java.time.Instant;
import java.util.UUID;

/** One knowledge source of a chatbot and where its ingestion stands. */
public record KnowledgeSource(
        UUID id,
        ChatbotId chatbotId,
        UUID crawlId,
        String type,
        String name,
        String url,
        String mediaType,
        long sizeBytes,
        String status,
        int progress,
        int chunkCount,
        String error,
        int attempts,
        String embeddingModel,
        Integer embeddingDimension,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {}
