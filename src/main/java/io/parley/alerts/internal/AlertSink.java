package io.parley.alerts.internal;

import io.parley.events.SystemEvent;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where an organization's alerts go. {@code slackUrl} and {@code secret} are credentials, opened only to send.
 * {@code types}: patterns, {@code *} for all, {@code delivery.*} for a namespace, otherwise one exact type;
 * empty means all.
 */
record AlertSink(
        UUID id,
        OrganizationId organizationId,
        Type type,
        Secret slackUrl,
        String url,
        String emailTo,
        Secret secret,
        SystemEvent.Level minLevel,
        List<String> types,
        Instant createdAt) {

    enum Type {
        SLACK,
        EMAIL,
        WEBHOOK
    }

    /** Events of type {@code alert.*} are about alerting itself; delivering them could loop, so they never are. */
    static boolean deliverable(SystemEvent event) {
        return !event.type().startsWith("alert.");
    }

    boolean accepts(SystemEvent event) {
        return deliverable(event)
                && event.level().compareTo(minLevel) >= 0
                && (types.isEmpty() || types.stream().anyMatch(pattern -> matches(pattern, event.type())));
    }

    static boolean matches(String pattern, String type) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*") || pattern.endsWith(".")) {
            return type.startsWith(pattern.substring(0, pattern.lastIndexOf('.') + 1));
        }
        return pattern.equals(type);
    }
}
