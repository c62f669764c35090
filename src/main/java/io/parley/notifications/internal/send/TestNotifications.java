package io.parley.notifications.internal.send;

import io.parley.access.StaffUser;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.internal.StaffChannels;
import io.parley.notifications.internal.contact.ContactPoint;
import io.parley.notifications.internal.contact.ContactPoints;
import io.parley.notifications.internal.template.NotificationTemplate;
import io.parley.notifications.internal.template.NotificationTemplates;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's test notification (issue 17 §6): checked now (channel, template, variables, contact point), then sent
 * by the same delivery job as every notification, outside rules, quiet hours and per-recipient limits.
 */
@Service
public class TestNotifications {
    static final String DEFAULT_TEMPLATE = "test";

    private final StaffChannels channels;
    private final ContactPoints contactPoints;
    private final NotificationTemplates templates;
    private final NotificationQueue queue;
    private final Organizations organizations;
    private final Clock clock;

    TestNotifications(
            StaffChannels channels,
            ContactPoints contactPoints,
            NotificationTemplates templates,
            NotificationQueue queue,
            Organizations organizations,
            Clock clock) {
        this.channels = channels;
        this.contactPoints = contactPoints;
        this.templates = templates;
        this.queue = queue;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Transactional
    public UUID send(
            OrganizationId organization,
            StaffUser user,
            String channelName,
            String templateName,
            Map<String, Object> given) {
        if (channelName == null || channelName.isBlank()) {
            throw new InvalidRequestException("validation_failed", "channel is required", Map.of("field", "channel"));
        }
        StaffChannel channel = channels.require(channelName);
        String name = templateName == null ? DEFAULT_TEMPLATE : templateName;
        NotificationTemplate template = templates
                .find(organization, name)
                .orElseThrow(() -> new InvalidRequestException(
                        "notification_template_unknown",
                        "No notification template '" + name + "'",
                        Map.of("field", "template")))
                .template();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("organizationName", organizations.get(organization).name());
        variables.put("staffName", user.name());
        if (given != null) {
            given.forEach((k, v) -> {
                if (v != null) {
                    variables.put(k, String.valueOf(v));
                }
            });
        } else if (templateName != null) {
            template.sampleValues().forEach(variables::putIfAbsent);
        }
        templates.renderer().render(template, channel, variables); // a 400 now rather than a dead letter later
        List<ContactPoint> points = contactPoints.of(organization, user, channel);
        if (points.isEmpty()) {
            throw new InvalidRequestException(
                    "no_contact_point",
                    "The staff user has no contact point for channel " + channel.name(),
                    Map.of("channel", channel.name()));
        }
        ContactPoint point = points.getFirst();
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        queue.enqueue(
                new NotificationRow(
                        id,
                        organization,
                        user.id(),
                        channel.name(),
                        point.address(),
                        point.via(),
                        name,
                        variables,
                        null,
                        true,
                        "queued",
                        0,
                        null,
                        now,
                        null),
                null,
                now);
        return id;
    }
}
