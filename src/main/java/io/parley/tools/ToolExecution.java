package io.parley.tools;

import java.time.Instant;

/** A recorded tool call (what {@code GET /api/v1/conversations/{id}/tool-executions} lists). */
public record ToolExecution(
        long id,
        String tool,
        String argumentsJson,
        ToolOutcome.Status status,
        String resultJson,
        String error,
        long durationMs,
        int round,
        Instant createdAt) {}
