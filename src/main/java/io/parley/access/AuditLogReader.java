package io.parley.access;

import io.parley.access.internal.AuditLog;
import io.parley.platform.OrganizationId;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Reads an organization's audit log, newest first, a page at a time: the next page starts before the id of the
 * last entry seen. What the {@code /audit-log} route answers, for screens that are not the API.
 */
@Service
public class AuditLogReader {
    private final AuditLog auditLog;
    private final KnownOrganizations organizations;

    AuditLogReader(AuditLog auditLog, KnownOrganizations organizations) {
        this.auditLog = auditLog;
        this.organizations = organizations;
    }

    /** @param before the id of the last entry of the previous page, or null for the newest */
    public List<AuditEntry> page(OrganizationId organizationId, Long before, int limit) {
        Objects.requireNonNull(organizationId, "organizationId");
        organizations.require(organizationId);
        return auditLog.list(organizationId, before, limit).stream()
                .map(e -> new AuditEntry(
                        e.id(),
                        e.actorType(),
                        e.actorId(),
                        e.action(),
                        e.method(),
                        e.route(),
                        e.pathVariables(),
                        e.status(),
                        e.createdAt()))
                .toList();
    }
}
