package io.parley.console.settings;

import io.parley.access.AuditTrail;
import io.parley.access.Role;
import io.parley.alerts.AlertSinks;
import io.parley.console.shell.ConsoleAccess;
import io.parley.console.shell.ConsoleUser;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where the organization's alerts go: Slack incoming webhooks, email addresses and signed webhooks. Slack URLs and
 * signing secrets are write-only: the list says only that they are set. A refused sink (a bad field, a URL the egress
 * policy does not let Parley reach) is shown above the form with what was typed kept, except the signing secret.
 */
@Controller
@ConsoleAccess(Role.ADMIN)
class AlertSinksSettingsController {
    static final List<String> TYPES = List.of("slack", "email", "webhook");
    static final List<String> LEVELS = List.of("info", "warn", "error", "critical");
    private static final String ROUTE = "/console/settings/alert-sinks";

    private final AlertSinks alertSinks;
    private final AuditTrail audit;

    AlertSinksSettingsController(AlertSinks alertSinks, AuditTrail audit) {
        this.alertSinks = alertSinks;
        this.audit = audit;
    }

    /** What the form shows; never a secret. */
    record SinkForm(String type, String url, String to, String minLevel, String types) {
        static final SinkForm EMPTY = new SinkForm("slack", "", "", "warn", "");
    }

    @GetMapping(ROUTE)
    String list(@RequestParam(required = false) String done, HttpServletRequest request, Model model) {
        model.addAttribute("done", done);
        return page(ConsoleUser.of(request).requireOrganization(), SinkForm.EMPTY, model);
    }

    @PostMapping(ROUTE)
    String create(
            @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "") String url,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String secret,
            @RequestParam(defaultValue = "") String minLevel,
            @RequestParam(defaultValue = "") String types,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ConsoleUser me = ConsoleUser.of(request);
        OrganizationId organization = me.requireOrganization();
        try {
            AlertSinks.Sink sink = alertSinks.create(
                    organization,
                    new AlertSinks.NewSink(
                            type,
                            blankToNull(url),
                            blankToNull(to),
                            secret.isEmpty() ? null : secret,
                            minLevel,
                            patterns(types)));
            audited(me, "alert_sink_created", ROUTE, sink.id(), 201);
            return "redirect:" + ROUTE + "?done=created";
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.getMessage());
            return page(organization, new SinkForm(type, url, to, minLevel, types), model);
        }
    }

    @PostMapping(ROUTE + "/{sinkId}/delete")
    String delete(@PathVariable String sinkId, HttpServletRequest request) {
        ConsoleUser me = ConsoleUser.of(request);
        UUID id = SettingsIds.parse(sinkId, "alert_sink");
        alertSinks.delete(me.requireOrganization(), id);
        audited(me, "alert_sink_deleted", ROUTE + "/{sinkId}/delete", id, 200);
        return "redirect:" + ROUTE + "?done=deleted";
    }

    private String page(OrganizationId organization, SinkForm form, Model model) {
        model.addAttribute(
                "sinks",
                alertSinks.list(organization).stream().map(AlertSinkRow::new).toList());
        model.addAttribute("types", TYPES);
        model.addAttribute("levels", LEVELS);
        model.addAttribute("form", form);
        model.addAttribute("section", "alert-sinks");
        return "console/settings-alert-sinks";
    }

    private void audited(ConsoleUser me, String action, String route, UUID sink, int status) {
        audit.console(
                me.requireOrganization(),
                me.caller(),
                action,
                "POST",
                route,
                Map.of("alertSinkId", sink.toString()),
                status);
    }

    /** "delivery.*, llm.error" → the patterns; blank → all events. */
    static List<String> patterns(String types) {
        return Arrays.stream(types.split("[,\\s]+")).filter(t -> !t.isBlank()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
