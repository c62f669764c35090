package io.parley.notifications.internal.rules;

import io.parley.events.SystemEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which default template an event type notifies with, and the variables an event gives a template. */
final class EventTemplates {
    private static final Map<String, String> BY_TYPE = Map.ofEntries(
            Map.entry("conversation.handover_requested", "handover_requested"),
            Map.entry("conversation.waiting", "conversation_waiting"),
            Map.entry("delivery.rejected", "delivery_failed"),
            Map.entry("delivery.retries_exhausted", "delivery_failed"),
            Map.entry("delivery.failure_reported", "delivery_failed"),
            Map.entry("delivery.credentials_rejected", "delivery_failed"),
            Map.entry("usage.warning", "budget_nearly_spent"),
            Map.entry("usage.limit_reached", "budget_nearly_spent"),
            Map.entry("payment.paid", "deposit_paid"),
            Map.entry("payment.paid_late", "deposit_paid"),
            Map.entry("flow.staff_notified", "flow_notification"));

    private EventTemplates() {}

    static Optional<String> templateFor(String eventType) {
        return Optional.ofNullable(BY_TYPE.get(eventType));
    }

    /** The event's payload values as text, with its type, organization name and conversation (id and link). */
    static Map<String, String> variables(SystemEvent event, String organizationName, String publicUrl) {
        Map<String, String> values = new LinkedHashMap<>();
        event.payload().forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                values.put(k, String.valueOf(v));
            }
        });
        values.put("eventType", event.type());
        values.put("organizationName", organizationName);
        if (event.conversationId() != null) {
            String id = event.conversationId().value().toString();
            values.put("conversationId", id);
            values.put("conversationUrl", publicUrl + "/console/conversations/" + id);
        }
        return values;
    }
}
