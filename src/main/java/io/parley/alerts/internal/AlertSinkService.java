package io.parley.alerts.internal;

import io.parley.alerts.AlertSinks;
import io.parley.events.SystemEvent;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.egress.EgressPolicy;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Validates and stores alert sinks; behind both the REST API and the {@link AlertSinks} facade. Error messages
 * never echo a URL: a Slack URL is a credential.
 */
@Service
public class AlertSinkService {
    private static final Pattern TYPE_PATTERN = Pattern.compile("\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*?)?");
    private final AlertSinkRepository sinks;
    private final EgressPolicy egress;

    AlertSinkService(AlertSinkRepository sinks, EgressPolicy egress) {
        this.sinks = sinks;
        this.egress = egress;
    }

    public List<AlertSinks.Sink> list(OrganizationId organization) {
        return sinks.list(organization).stream().map(AlertSinkService::view).toList();
    }

    @Transactional
    public AlertSinks.Sink create(OrganizationId organization, AlertSinks.NewSink request) {
        if (request == null || request.type() == null || request.type().isBlank()) {
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
        String secret = type == AlertSink.Type.WEBHOOK ? secret(request.secret()) : null;
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
        return view(sinks.find(id).orElseThrow());
    }

    public void delete(OrganizationId organization, UUID id) {
        if (!sinks.delete(organization, id)) {
            throw new NotFoundException("alert_sink_not_found", "No alert sink with id '" + id + "'");
        }
    }

    static AlertSinks.Sink view(AlertSink s) {
        return new AlertSinks.Sink(
                s.id(),
                s.type().name().toLowerCase(Locale.ROOT),
                s.url(),
                s.slackUrl() != null || s.url() != null,
                s.emailTo(),
                s.secret() != null,
                s.minLevel().name().toLowerCase(Locale.ROOT),
                s.types(),
                s.createdAt());
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

    private static String secret(String secret) {
        if (secret == null || secret.length() < 16 || secret.length() > 512) {
            throw invalid("secret", "secret is required for a webhook sink: 16 to 512 characters");
        }
        return secret;
    }

    private static SystemEvent.Level level(String level) {
        if (level == null || level.isBlank()) {
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
        return new InvalidRequestException("invalid_alert_sink", message, Map.of("field", field));
    }
}
