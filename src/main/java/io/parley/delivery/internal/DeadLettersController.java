package io.parley.delivery.internal;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.delivery.DeadLetterFilter;
import io.parley.delivery.DeadLetterView;
import io.parley.delivery.DeadLetters;
import io.parley.delivery.Lane;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.platform.QueryInstants;
import io.parley.tenancy.Organizations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters of an organization: list with filters, replay one, replay all matching a filter. */
@RestController
@RequiresRole(Role.ADMIN)
class DeadLettersController {
    private static final Set<String> STATES = Set.of("open", "replayed", "all");

    private final DeadLetters deadLetters;
    private final Organizations organizations;

    DeadLettersController(DeadLetters deadLetters, Organizations organizations) {
        this.deadLetters = deadLetters;
        this.organizations = organizations;
    }

    /** The filter as query parameters or as the bulk replay body. */
    record Filter(
            String state,
            String conversationId,
            String channelId,
            String lane,
            String reason,
            Boolean transientOnly,
            String since,
            String until) {
        DeadLetterFilter parse() {
            if (state != null && !STATES.contains(state)) {
                throw new InvalidRequestException("validation_failed", "state must be open, replayed or all");
            }
            return new DeadLetterFilter(
                    state,
                    uuid(conversationId, "conversationId"),
                    uuid(channelId, "channelId"),
                    DeadLettersController.lane(lane),
                    reason == null || reason.isBlank() ? null : reason,
                    transientOnly,
                    instant(since, "since"),
                    instant(until, "until"));
        }
    }

    @GetMapping("/api/v1/organizations/{orgId}/dead-letters")
    List<DeadLetterView> list(
            @PathVariable String orgId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String conversationId,
            @RequestParam(required = false) String channelId,
            @RequestParam(required = false) String lane,
            @RequestParam(required = false) String reason,
            @RequestParam(name = "transient", required = false) Boolean transientOnly,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            @RequestParam(required = false, defaultValue = "100") int limit) {
        return deadLetters.list(
                organization(orgId),
                new Filter(state, conversationId, channelId, lane, reason, transientOnly, since, until).parse(),
                limit);
    }

    @PostMapping("/api/v1/organizations/{orgId}/dead-letters/{deadLetterId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeadLetterView replay(@PathVariable String orgId, @PathVariable String deadLetterId) {
        return deadLetters.replay(organization(orgId), deadLetterId(deadLetterId), actor());
    }

    @PostMapping("/api/v1/organizations/{orgId}/dead-letters/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Integer> replayMatching(@PathVariable String orgId, @RequestBody(required = false) Filter filter) {
        DeadLetterFilter parsed = filter == null ? DeadLetterFilter.open() : filter.parse();
        DeadLetters.BulkReplay result = deadLetters.replayMatching(organization(orgId), parsed, actor());
        return Map.of("replayed", result.replayed(), "skipped", result.skipped());
    }

    private static String actor() {
        return Caller.current().orElse(Caller.OPERATOR).label();
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }

    private static UUID deadLetterId(String value) {
        return Ids.parse(value, "dead_letter", uuid -> uuid);
    }

    private static UUID uuid(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("validation_failed", field + " must be a UUID");
        }
    }

    private static Lane lane(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Lane.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "validation_failed", "lane must be transactional, conversational or campaign");
        }
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return QueryInstants.within(field, Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("validation_failed", field + " must be an ISO-8601 instant");
        }
    }
}
