package io.parley.notifications.internal.rules;

import io.parley.access.Role;
import io.parley.access.StaffUser;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which events notify whom on which channels: event types (exact, or a namespace with {@code .*}), roles and/or
 * staff users, channels ({@code *} for every channel a recipient has a contact point on), an optional template (else
 * the one Parley maps the event type to), and optional quiet hours.
 */
public record NotificationRule(
        UUID id,
        String name,
        List<String> eventTypes,
        List<Role> roles,
        List<UUID> staffUserIds,
        List<String> channels,
        String template,
        QuietHours quietHours,
        Instant createdAt) {
    public static final String EVERY_CHANNEL = "*";

    public boolean matches(String eventType) {
        for (String type : eventTypes) {
            if (type.equals(eventType)
                    || (type.endsWith(".*") && eventType.startsWith(type.substring(0, type.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    public boolean reaches(StaffUser user) {
        return !user.disabled()
                && (roles.contains(user.role())
                        || staffUserIds.contains(user.id().value()));
    }
}
