package io.parley.access;

import java.time.Instant;
import java.util.Map;

/**
 * One row of an organization's audit log: who ({@code actorType} {@code operator}, {@code api_key}, {@code user} or
 * {@code anonymous}, and its id), what ({@code action} on {@code method} {@code route} with the ids it named), and
 * the answer's status.
 */
public record AuditEntry(
        long id,
        String actorType,
        String actorId,
        String action,
        String method,
        String route,
        Map<String, Object> pathVariables,
        int status,
        Instant createdAt) {}
