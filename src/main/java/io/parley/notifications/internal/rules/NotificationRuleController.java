package io.parley.notifications.internal.rules;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.notifications.internal.Scope;
import io.parley.notifications.internal.StaffChannels;
import io.parley.notifications.internal.template.NotificationTemplates;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An organization's notification rules: list, create, replace, delete. */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/notification-rules")
class NotificationRuleController {
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?");

    private final NotificationRules rules;
    private final StaffUsers staffUsers;
    private final StaffChannels channels;
    private final NotificationTemplates templates;
    private final Scope scope;
    private final Clock clock;

    NotificationRuleController(
            NotificationRules rules,
            StaffUsers staffUsers,
            StaffChannels channels,
            NotificationTemplates templates,
            Scope scope,
            Clock clock) {
        this.rules = rules;
        this.staffUsers = staffUsers;
        this.channels = channels;
        this.templates = templates;
        this.scope = scope;
        this.clock = clock;
    }

    record Quiet(String from, String until, String timeZone) {}

    record RuleBody(
            String name,
            List<String> eventTypes,
            List<String> roles,
            List<String> staffUserIds,
            List<String> channels,
            String template,
            Quiet quietHours) {}

    record RuleView(
            UUID id,
            String name,
            List<String> eventTypes,
            List<String> roles,
            List<UUID> staffUserIds,
            List<String> channels,
            String template,
            Quiet quietHours) {
        static RuleView of(NotificationRule r) {
            QuietHours q = r.quietHours();
            return new RuleView(
                    r.id(),
                    r.name(),
                    r.eventTypes(),
                    r.roles().stream().map(Role::wireName).toList(),
                    r.staffUserIds(),
                    r.channels(),
                    r.template(),
                    q == null
                            ? null
                            : new Quiet(
                                    q.from().toString(),
                                    q.until().toString(),
                                    q.zone().getId()));
        }
    }

    @GetMapping
    @RequiresRole(Role.AGENT)
    List<RuleView> list(@PathVariable String orgId) {
        return rules.list(scope.organization(orgId)).stream().map(RuleView::of).toList();
    }

    @PostMapping
    @RequiresRole(Role.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    RuleView create(@PathVariable String orgId, @RequestBody RuleBody body) {
        OrganizationId organization = scope.organization(orgId);
        NotificationRule rule = rule(organization, UUID.randomUUID(), body);
        rules.insert(organization, rule);
        return RuleView.of(rule);
    }

    @PutMapping("/{ruleId}")
    @RequiresRole(Role.ADMIN)
    RuleView replace(@PathVariable String orgId, @PathVariable String ruleId, @RequestBody RuleBody body) {
        OrganizationId organization = scope.organization(orgId);
        UUID id = Ids.parse(ruleId, "notification_rule", java.util.function.Function.identity());
        NotificationRule existing = rules.get(organization, id);
        NotificationRule rule = rule(organization, id, body);
        rules.update(organization, rule);
        return RuleView.of(new NotificationRule(
                id,
                rule.name(),
                rule.eventTypes(),
                rule.roles(),
                rule.staffUserIds(),
                rule.channels(),
                rule.template(),
                rule.quietHours(),
                existing.createdAt()));
    }

    @DeleteMapping("/{ruleId}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String ruleId) {
        OrganizationId organization = scope.organization(orgId);
        UUID id = Ids.parse(ruleId, "notification_rule", java.util.function.Function.identity());
        if (!rules.delete(organization, id)) {
            throw new NotFoundException("notification_rule_not_found", "No notification rule with id '" + id + "'");
        }
        return ResponseEntity.noContent().build();
    }

    private NotificationRule rule(OrganizationId organization, UUID id, RuleBody body) {
        if (body == null) {
            throw invalid("name", "A rule body is required");
        }
        String name = body.name() == null || body.name().isBlank()
                ? "Rule"
                : body.name().strip();
        if (name.length() > 200) {
            throw invalid("name", "name has at most 200 characters");
        }
        List<String> types = nonEmpty(body.eventTypes(), "eventTypes");
        types.forEach(t -> {
            if (t == null || t.length() > 100 || !EVENT_TYPE.matcher(t).matches()) {
                throw invalid("eventTypes", "An event type is like conversation.handover_requested or delivery.*");
            }
        });
        List<Role> roles = body.roles() == null
                ? List.of()
                : body.roles().stream()
                        .map(r -> Role.parse("roles", r))
                        .distinct()
                        .toList();
        List<UUID> users = body.staffUserIds() == null
                ? List.of()
                : body.staffUserIds().stream()
                        .map(u -> staffUsers
                                .get(organization, Ids.parse(u, "staff_user", StaffUserId::new))
                                .id()
                                .value())
                        .distinct()
                        .toList();
        if (roles.isEmpty() && users.isEmpty()) {
            throw invalid("roles", "A rule reaches roles, staff users or both");
        }
        List<String> channelNames = nonEmpty(body.channels(), "channels");
        channelNames.forEach(c -> {
            if (!NotificationRule.EVERY_CHANNEL.equals(c)) {
                channels.require(c);
            }
        });
        if (body.template() != null
                && templates.find(organization, body.template()).isEmpty()) {
            throw new InvalidRequestException(
                    "notification_template_unknown",
                    "No notification template '" + body.template() + "'",
                    Map.of("field", "template"));
        }
        return new NotificationRule(
                id,
                name,
                types,
                roles,
                users,
                channelNames.stream().distinct().toList(),
                body.template(),
                quiet(body.quietHours()),
                clock.instant());
    }

    private static QuietHours quiet(Quiet quiet) {
        if (quiet == null) {
            return null;
        }
        try {
            return new QuietHours(
                    LocalTime.parse(String.valueOf(quiet.from())),
                    LocalTime.parse(String.valueOf(quiet.until())),
                    ZoneId.of(String.valueOf(quiet.timeZone())));
        } catch (DateTimeException e) {
            throw invalid(
                    "quietHours",
                    "quietHours is {\"from\": \"22:00\", \"until\": \"07:00\", \"timeZone\": \"Europe/Berlin\"}");
        }
    }

    private static List<String> nonEmpty(List<String> values, String field) {
        if (values == null || values.isEmpty() || values.size() > 50) {
            throw invalid(field, field + " lists 1 to 50 values");
        }
        return values;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("validation_failed", message, Map.of("field", field));
    }
}
