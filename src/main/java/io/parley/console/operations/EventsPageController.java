package io.parley.console.operations;

import io.parley.access.Role;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's system events, newest first, filtered by level and type, paged by keyset ({@code before} = the
 * id of the last event shown), so every event can be reached however many there are; one can be acknowledged.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class EventsPageController {
    static final List<String> LEVELS = List.of("info", "warn", "error", "critical");

    private final SystemEvents events;
    private final JsonMapper json;

    EventsPageController(SystemEvents events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    @GetMapping("/console/events")
    String list(
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long acknowledged,
            HttpServletRequest request,
            Model model) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        SystemEvent.Level parsed = level(level);
        String typeFilter = type == null || type.isBlank() ? null : type.strip();
        List<EventRow> rows = events.listBefore(organization, typeFilter, parsed, before, PageSlice.SIZE + 1).stream()
                .map(e -> EventRow.of(e, json))
                .toList();
        boolean hasOlder = rows.size() > PageSlice.SIZE;
        List<EventRow> items = hasOlder ? rows.subList(0, PageSlice.SIZE) : rows;
        model.addAttribute("items", items);
        model.addAttribute("before", before);
        model.addAttribute("olderBefore", hasOlder ? items.getLast().id() : null);
        model.addAttribute("levels", LEVELS);
        model.addAttribute("level", parsed == null ? "" : parsed.name().toLowerCase(Locale.ROOT));
        model.addAttribute("type", typeFilter == null ? "" : typeFilter);
        model.addAttribute("acknowledged", acknowledged);
        return "console/events";
    }

    @PostMapping("/console/events/{eventId}/ack")
    String acknowledge(
            @PathVariable String eventId,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Long before,
            HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        long id = eventId(eventId);
        events.acknowledge(me.requireOrganization(), id, me.caller().label());
        return "redirect:"
                + UriComponentsBuilder.fromPath("/console/events")
                        .queryParamIfPresent("level", present(level))
                        .queryParamIfPresent("type", present(type))
                        .queryParamIfPresent("before", java.util.Optional.ofNullable(before))
                        .queryParam("acknowledged", id)
                        .encode()
                        .build()
                        .toUriString();
    }

    private static java.util.Optional<String> present(String value) {
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }

    private static long eventId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new NotFoundException("event_not_found", "No event with id '" + value + "'");
        }
    }

    private static SystemEvent.Level level(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        if (!LEVELS.contains(level.strip().toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException("invalid_level", "level must be one of info, warn, error, critical");
        }
        return SystemEvent.Level.valueOf(level.strip().toUpperCase(Locale.ROOT));
    }
}
