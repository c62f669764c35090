package io.parley.flows;

import java.time.Instant;

/**
 * One stored version of a chatbot's flow.
 *
 * @param checksum    SHA-256 (hex) of the document as saved
 * @param updatedAt   when the document last changed (a draft is replaced in place until it is published)
 * @param publishedAt when it was published, null for a draft
 */
public record FlowVersion(
        String key,
        int version,
        FlowStatus status,
        String checksum,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt) {}
