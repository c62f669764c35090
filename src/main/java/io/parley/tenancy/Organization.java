package io.parley.tenancy;

import io.parley.platform.OrganizationId;
import java.time.Instant;

/**
 * @param active    false while the operator paused the organization: none of its chatbots answers
 * @param resumedAt when it was last switched back to active, or null if it was never paused (ADR 33)
 */
public record Organization(OrganizationId id, String name, Instant createdAt, boolean active, Instant resumedAt) {}
