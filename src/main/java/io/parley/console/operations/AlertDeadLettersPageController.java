package io.parley.console.operations;

import io.parley.access.Role;
import io.parley.alerts.AlertDeliveries;
import io.parley.alerts.AlertSinks;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second tab of Dead letters: alert deliveries whose retries ran out (newest first, at most
 * {@link AlertDeliveries#MAX_LIST}), each replayable once: back to pending with a fresh retry budget.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class AlertDeadLettersPageController {
    private static final String ROUTE = "/console/dead-letters/alerts";

    private final AlertDeliveries deliveries;
    private final AlertSinks sinks;

    AlertDeadLettersPageController(AlertDeliveries deliveries, AlertSinks sinks) {
        this.deliveries = deliveries;
        this.sinks = sinks;
    }

    /** A dead alert delivery with the kind of sink it was for ("" when the sink is gone). */
    record AlertDeadLetterRow(AlertDeliveries.Delivery delivery, String sinkType, String when) {}

    @GetMapping(ROUTE)
    String list(@RequestParam(required = false) String replayed, HttpServletRequest request, Model model) {
        OrganizationId organization = ConsoleUser.of(request).requireOrganization();
        Map<UUID, String> sinkTypes = sinks.list(organization).stream()
                .collect(Collectors.toMap(AlertSinks.Sink::id, AlertSinks.Sink::type, (a, b) -> a));
        model.addAttribute(
                "rows",
                deliveries.list(organization, "dead", AlertDeliveries.MAX_LIST).stream()
                        .map(d -> new AlertDeadLetterRow(
                                d, sinkTypes.getOrDefault(d.sinkId(), ""), UtcTimes.format(d.createdAt())))
                        .toList());
        model.addAttribute("replayed", replayed);
        model.addAttribute("tab", "alerts");
        return "console/dead-letters-alerts";
    }

    @PostMapping(ROUTE + "/{deliveryId}/replay")
    String replay(@PathVariable String deliveryId, HttpServletRequest request) {
        UUID id = uuid(deliveryId);
        deliveries.replay(ConsoleUser.of(request).requireOrganization(), id);
        return "redirect:" + ROUTE + "?replayed=" + id;
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("alert_delivery_not_found", "No alert delivery with id '" + value + "'");
        }
    }
}
