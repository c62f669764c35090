package io.parley.notifications.internal.rules;

import io.parley.access.StaffUser;
import io.parley.access.StaffUsers;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEventRecorded;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.internal.StaffChannels;
import io.parley.notifications.internal.contact.ContactPoint;
import io.parley.notifications.internal.contact.ContactPoints;
import io.parley.notifications.internal.send.NotificationQueue;
import io.parley.notifications.internal.send.NotificationRow;
import io.parley.notifications.internal.template.NotificationTemplates;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a recorded event into staff notifications: for each rule of the organization that matches the event, one
 * notification (row and job) per recipient, channel and contact point. Runs inside the transaction that stored the
 * event (like alert routing), so notifications exist if and only if the event was committed. Events of the module's
 * own ({@code notification.*}) never notify, so a failing channel cannot feed itself. A rule's quiet hours defer the
 * notifications to their end, except for critical events (ADR 64).
 */
@Component
class NotificationRouting {
    private final NotificationRules rules;
    private final StaffUsers staffUsers;
    private final StaffChannels channels;
    private final ContactPoints contactPoints;
    private final NotificationTemplates templates;
    private final NotificationQueue queue;
    private final Organizations organizations;
    private final String publicUrl;
    private final Clock clock;

    NotificationRouting(
            NotificationRules rules,
            StaffUsers staffUsers,
            StaffChannels channels,
            ContactPoints contactPoints,
            NotificationTemplates templates,
            NotificationQueue queue,
            Organizations organizations,
            @Value("${parley.public-url:}") String publicUrl,
            Clock clock) {
        this.rules = rules;
        this.staffUsers = staffUsers;
        this.channels = channels;
        this.contactPoints = contactPoints;
        this.templates = templates;
        this.queue = queue;
        this.organizations = organizations;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    @EventListener
    void on(SystemEventRecorded recorded) {
        SystemEvent event = recorded.event();
        OrganizationId organization = event.organizationId();
        if (organization == null || event.type().startsWith("notification.")) {
            return;
        }
        List<NotificationRule> matching = rules.list(organization).stream()
                .filter(rule -> rule.matches(event.type()))
                .toList();
        if (matching.isEmpty()) {
            return;
        }
        List<StaffUser> staff = staffUsers.list(organization);
        Map<String, String> variables =
                EventTemplates.variables(event, organizations.get(organization).name(), publicUrl);
        Instant now = clock.instant();
        for (NotificationRule rule : matching) {
            String template = rule.template() != null
                    ? rule.template()
                    : EventTemplates.templateFor(event.type()).orElse(null);
            if (template == null || templates.find(organization, template).isEmpty()) {
                continue;
            }
            Instant at = rule.quietHours() == null || event.level() == SystemEvent.Level.CRITICAL
                    ? now
                    : rule.quietHours().endOf(now).orElse(now);
            for (StaffUser user : staff) {
                if (rule.reaches(user)) {
                    notify(recorded.id(), rule, user, template, variables, now, at);
                }
            }
        }
    }

    private void notify(
            long eventId,
            NotificationRule rule,
            StaffUser user,
            String template,
            Map<String, String> variables,
            Instant now,
            Instant at) {
        for (StaffChannel channel : channelsOf(rule)) {
            for (ContactPoint point : contactPoints.of(user.organizationId(), user, channel)) {
                queue.enqueue(
                        new NotificationRow(
                                UUID.randomUUID(),
                                user.organizationId(),
                                user.id(),
                                channel.name(),
                                point.address(),
                                point.via(),
                                template,
                                variables,
                                eventId,
                                false,
                                "queued",
                                0,
                                null,
                                now,
                                null),
                        rule.id(),
                        at);
            }
        }
    }

    private Collection<StaffChannel> channelsOf(NotificationRule rule) {
        if (rule.channels().contains(NotificationRule.EVERY_CHANNEL)) {
            return channels.all();
        }
        return rule.channels().stream()
                .flatMap(name -> channels.find(name).stream())
                .toList();
    }
}
