package io.parley.events.internal;

import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.events.StoredEvent;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/events")
class EventsController {
    private final SystemEvents events;
    private final Organizations organizations;

    EventsController(SystemEvents events, Organizations organizations) {
        this.events = events;
        this.organizations = organizations;
    }

    record EventView(
            long id,
            String level,
            String type,
            Instant createdAt,
            UUID chatbotId,
            UUID conversationId,
            Map<String, Object> payload,
            Instant acknowledgedAt,
            String acknowledgedBy) {
        static EventView of(StoredEvent stored) {
            SystemEvent e = stored.event();
            ChatbotId bot = e.chatbotId();
            ConversationId conversation = e.conversationId();
            return new EventView(
                    stored.id(),
                    e.level().name().toLowerCase(Locale.ROOT),
                    e.type(),
                    e.occurredAt(),
                    bot == null ? null : bot.value(),
                    conversation == null ? null : conversation.value(),
                    e.payload(),
                    stored.acknowledgedAt(),
                    stored.acknowledgedBy());
        }
    }

    @GetMapping
    List<EventView> list(
            @PathVariable String orgId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String level,
            @RequestParam(required = false, defaultValue = "100") int limit) {
        OrganizationId organization = organization(orgId);
        return events.list(organization, type, level(level), limit).stream()
                .map(EventView::of)
                .toList();
    }

    /** Acknowledged by the caller: {@code operator}, {@code api_key:<id>} or {@code user:<id>} ({@link Caller#label()}). */
    @PostMapping("/{eventId}/ack")
    EventView acknowledge(@PathVariable String orgId, @PathVariable String eventId, HttpServletRequest request) {
        OrganizationId organization = organization(orgId);
        long id;
        try {
            id = Long.parseLong(eventId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("event_not_found", "No event with id '" + eventId + "'");
        }
        return EventView.of(events.acknowledge(
                organization, id, Caller.of(request).map(Caller::label).orElse(Caller.OPERATOR.label())));
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }

    private static SystemEvent.Level level(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        try {
            return SystemEvent.Level.valueOf(level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid_level", "level must be one of info, warn, error, critical");
        }
    }
}
