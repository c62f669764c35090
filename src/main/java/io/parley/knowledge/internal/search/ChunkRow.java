package io.parley.knowledge.internal.search;

import java.util.UUID;

/**
 * One chunk of a synced source as the index needs it.
 *
 * @param location  the row's location as JSON text, kept as is for the results
 * @param embedding float32 little-endian, or null when the chunk has no vector
 */
public record ChunkRow(
        UUID sourceId,
        String sourceName,
        String sourceType,
        int ordinal,
        String text,
        String location,
        byte[] embedding) {}
