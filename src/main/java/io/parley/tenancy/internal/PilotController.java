package io.parley.tenancy.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.ChatbotPilots;
import io.parley.tenancy.GoLiveChecks;
import io.parley.tenancy.GoLiveReport;
import io.parley.tenancy.PilotMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A chatbot's pilot mode: {@code {"enabled": true, "allow": ["34600000001"]}}. The allowlist holds contact
 * addresses (phone numbers, emails, a channel's own ids), so reading it needs an admin like changing it.
 */
@RestController
@RequestMapping("/api/v1/chatbots/{botId}/pilot")
@RequiresRole(Role.ADMIN)
class PilotController {
    private final ChatbotPilots pilots;
    private final ObjectProvider<GoLiveChecks> goLive;

    PilotController(ChatbotPilots pilots, ObjectProvider<GoLiveChecks> goLive) {
        this.pilots = pilots;
        this.goLive = goLive;
    }

    record PilotView(boolean enabled, List<String> allow) {
        static PilotView of(PilotMode pilot) {
            return new PilotView(pilot.enabled(), pilot.allow());
        }
    }

    @GetMapping
    PilotView get(@PathVariable String botId) {
        return PilotView.of(pilots.get(botId(botId)));
    }

    /**
     * Replaces the pilot mode; {@code allow} absent keeps the stored list (switching off keeps it for later).
     * Switching it off runs the go-live checks first: a failed one refuses with 409 {@code go_live_checks_failed}
     * and the checks, unless {@code "force": true}.
     */
    @PutMapping
    PilotView put(@PathVariable String botId, @RequestBody JsonNode body) {
        ChatbotId id = botId(botId);
        if (body == null || !body.isObject()) {
            throw invalid("enabled", "is required: a JSON object {\"enabled\": true, \"allow\": [...]} is expected");
        }
        JsonNode enabled = body.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw invalid("enabled", "is required and must be true or false");
        }
        JsonNode force = body.get("force");
        if (force != null && !force.isBoolean()) {
            throw invalid("force", "must be true or false");
        }
        List<String> allow = allow(body.get("allow"));
        boolean goingLive = !enabled.asBoolean() && pilots.get(id).enabled();
        if (goingLive && (force == null || !force.asBoolean())) {
            GoLiveReport report = report(id);
            if (!report.ready()) {
                throw new ConflictException(
                        "go_live_checks_failed",
                        "The chatbot stays in pilot mode: "
                                + report.checks().stream()
                                        .filter(c -> c.status() == GoLiveReport.Status.FAILED)
                                        .map(c -> c.name() + " (" + c.detail() + ")")
                                        .collect(Collectors.joining("; "))
                                + ". Fix them, or send \"force\": true to go live anyway",
                        Map.of("checks", checks(report)));
            }
        }
        return PilotView.of(pilots.change(id, enabled.asBoolean(), allow));
    }

    /** What stands between the chatbot and going live: {@code {"ready", "checks": [{"name", "status", "detail"}]}}. */
    @GetMapping("/go-live-checks")
    Map<String, Object> goLiveChecks(@PathVariable String botId) {
        GoLiveReport report = report(botId(botId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", report.ready());
        body.put("checks", checks(report));
        return body;
    }

    private GoLiveReport report(ChatbotId id) {
        pilots.get(id); // another organization's chatbot is not found before anything runs
        GoLiveChecks checks = goLive.getIfAvailable();
        return checks == null ? GoLiveReport.of(List.of()) : checks.check(id);
    }

    private static List<Map<String, Object>> checks(GoLiveReport report) {
        return report.checks().stream()
                .map(c -> {
                    Map<String, Object> check = new LinkedHashMap<>();
                    check.put("name", c.name());
                    check.put("status", c.status().wireName());
                    check.put("detail", c.detail());
                    return check;
                })
                .toList();
    }

    private static List<String> allow(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw invalid("allow", "must be a list of phone numbers or contact addresses");
        }
        if (node.size() > PilotMode.MAX_ENTRIES) {
            throw invalid("allow", "must have at most " + PilotMode.MAX_ENTRIES + " entries (got " + node.size() + ")");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw invalid("allow[" + i + "]", "must be a string");
            }
            values.add(node.get(i).asString());
        }
        return values;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static ChatbotId botId(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }
}
