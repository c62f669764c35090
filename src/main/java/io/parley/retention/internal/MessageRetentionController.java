package io.parley.retention.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.retention.MessageRetention;
import io.parley.tenancy.Organizations;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An organization's message content retention: after how many days messages are anonymized or deleted. */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/retention")
class MessageRetentionController {
    private static final int MAX_DAYS = 36_500;
    private final MessageRetentionRepository repository;
    private final Organizations organizations;

    MessageRetentionController(MessageRetentionRepository repository, Organizations organizations) {
        this.repository = repository;
        this.organizations = organizations;
    }

    @GetMapping
    MessageRetention get(@PathVariable String orgId) {
        return repository.find(organization(orgId));
    }

    /** Replaces the setting: {@code messageContentDays} null (or missing) keeps content forever. */
    @PutMapping
    MessageRetention put(@PathVariable String orgId, @RequestBody(required = false) MessageRetention request) {
        OrganizationId id = organization(orgId);
        MessageRetention r = request == null ? MessageRetention.KEEP : request;
        Integer days = r.messageContentDays();
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw invalid("messageContentDays", "must be between 1 and " + MAX_DAYS + ", or null to keep forever");
        }
        String mode = r.mode() == null ? "anonymize" : r.mode().strip();
        if (!mode.equals("anonymize") && !mode.equals("delete")) {
            throw invalid("mode", "must be anonymize or delete");
        }
        repository.put(id, new MessageRetention(days, mode));
        return repository.find(id);
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
