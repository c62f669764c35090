package io.parley.alerts.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.events.SystemEvent;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.egress.EgressPolicy;
import io.parley.tenancy.Organizations;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Alert sinks of an organization. Slack URLs and webhook secrets are write-only: answers say only that they are set. */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/alert-sinks")
class AlertSinkController {
    private static final Pattern TYPE_PATTERN = Pattern.compile("\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*?)?");
    private final AlertSinkRepository sinks;
    private final Organizations organizations;
    private final EgressPolicy egress;

    AlertSinkController(AlertSinkRepository sinks, Organizations organizations, EgressPolicy egress) {
        this.sinks = sinks;
        this.organizations = organizations;
        this.egress = egress;
    }

    record NewSink(String type, String url, String to, String secret, String minLevel, List<String> types) {}

    record SinkView(
            UUID id,
            String type,
            String url,
            Boolean urlSet,
            String to,
            Boolean secretSet,
            String minLevel,
            List<String> types,
            Instant createdAt) {
        static SinkView of(AlertSink s) {
            return new SinkView(
                    s.id(),
                    s.type().name().toLowerCase(Locale.ROOT),
                    s.url(),
                    s.type() == AlertSink.Type.SLACK ? s.slackUrl() != null : null,
                    s.emailTo(),
                    s.type() == AlertSink.Type.WEBHOOK ? s.secret() != null : null,
                    s.minLevel().name().toLowerCase(Locale.ROOT),
                    s.types(),
                    s.createdAt());
        }
    }

    @PostMapping
    @Transactional
    ResponseEntity<SinkView> create(@PathVariable String orgId, @RequestBody NewSink request) {
        OrganizationId organization = organization(orgId);
        if (request == null || request.type() == null) {
            throw invalid("type", "type is required: slack, email or webhook");
        }
        AlertSink.Type type = switch (request.type().strip().toLowerCase(Locale.ROOT)) {
            case "slack" -> AlertSink.Type.SLACK;
            case "email" -> AlertSink.Type.EMAIL;
            case "webhook" -> AlertSink.Type.WEBHOOK;
            default -> throw invalid("type", "type must be slack, email or webhook");
        };
        UUID id = UUID.randomUUID();
        String url = type == AlertSink.Type.EMAIL ? null : httpUrl(request.url());
        if (url != null) {
            egress.check("url", url);
        }
        String to = type == AlertSink.Type.EMAIL ? email(request.to()) : null;
        String secret = null;
        if (type == AlertSink.Type.WEBHOOK) {
            if (request.secret() == null
                    || request.secret().length() < 16
                    || request.secret().length() > 512) {
                throw invalid("secret", "secret is required for a webhook sink: 16 to 512 characters");
            }
            secret = request.secret();
        }
        sinks.insert(
                id,
                organization,
                type,
                type == AlertSink.Type.SLACK ? url : null,
                type == AlertSink.Type.WEBHOOK ? url : null,
                to,
                secret,
                level(request.minLevel()),
                types(request.types()));
        AlertSink created = sinks.find(id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + organization + "/alert-sinks/" + id))
                .body(SinkView.of(created));
    }

    @GetMapping
    List<SinkView> list(@PathVariable String orgId) {
        return sinks.list(organization(orgId)).stream().map(SinkView::of).toList();
    }

    @DeleteMapping("/{sinkId}")
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String sinkId) {
        OrganizationId organization = organization(orgId);
        UUID id = Ids.parse(sinkId, "alert_sink", java.util.function.Function.identity());
        if (!sinks.delete(organization, id)) {
            throw new NotFoundException("alert_sink_not_found", "No alert sink with id '" + sinkId + "'");
        }
        return ResponseEntity.noContent().build();
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }

    private static String httpUrl(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url.strip());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && url.length() <= 2000) {
                return uri.toString();
            }
        } catch (IllegalArgumentException ignored) {
            // reported below without echoing the URL: it may be a credential
        }
        throw invalid("url", "url must be an absolute http(s) URL");
    }

    private static String email(String to) {
        if (to == null || to.length() > 320 || !to.strip().matches("[^@\\s]+@[^@\\s]+")) {
            throw invalid("to", "to must be an email address");
        }
        return to.strip();
    }

    private static SystemEvent.Level level(String level) {
        if (level == null) {
            return SystemEvent.Level.WARN;
        }
        try {
            return SystemEvent.Level.valueOf(level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("minLevel", "minLevel must be info, warn, error or critical");
        }
    }

    private static List<String> types(List<String> types) {
        if (types == null) {
            return List.of();
        }
        if (types.size() > 50
                || types.stream()
                        .anyMatch(t -> t == null
                                || t.length() > 200
                                || !TYPE_PATTERN.matcher(t).matches())) {
            throw invalid("types", "types must be patterns like \"*\", \"delivery.*\" or \"llm.error\"");
        }
        return List.copyOf(types);
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("invalid_alert_sink", message, java.util.Map.of("field", field));
    }
}
