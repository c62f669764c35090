package io.parley.access.internal;

import io.parley.access.KnownOrganizations;
import io.parley.access.OperatorOnly;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, newest first; page with {@code before=<id of the last entry seen>}. */
@RestController
class AuditLogController {
    private final AuditLog auditLog;
    private final KnownOrganizations organizations;

    AuditLogController(AuditLog auditLog, KnownOrganizations organizations) {
        this.auditLog = auditLog;
        this.organizations = organizations;
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/api/v1/organizations/{orgId}/audit-log")
    List<AuditLog.Entry> organization(
            @PathVariable String orgId,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) Long before) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.require(id);
        return auditLog.list(id, before, limit);
    }

    @OperatorOnly
    @GetMapping("/api/v1/audit-log")
    List<AuditLog.Entry> all(
            @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before) {
        return auditLog.list(null, before, limit);
    }
}
