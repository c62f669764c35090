package io.parley.tenancy;

import io.parley.platform.OrganizationId;
import java.time.Instant;

public record Organization(OrganizationId id, String name, Instant createdAt) {
}
