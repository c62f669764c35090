package io.parley.alerts;

import io.parley.alerts.internal.AlertSinkService;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * An organization's alert sinks (Slack incoming webhook, email, signed webhook) for other modules, such as the
 * console. Slack URLs and webhook secrets are write-only: a {@link Sink} says only whether they are set. A sink URL
 * is checked against the egress policy when it is entered (a private address is refused with the reason).
 */
@Service
public class AlertSinks {
    private final AlertSinkService service;

    AlertSinks(AlertSinkService service) {
        this.service = service;
    }

    /**
     * What a new sink is made of; which fields a type needs is checked by {@link #create}.
     *
     * @param type     {@code slack}, {@code email} or {@code webhook}
     * @param url      the Slack incoming webhook URL or the webhook's URL (not for email)
     * @param to       the email address (email only)
     * @param secret   the webhook's signing secret, 16 to 512 characters (webhook only)
     * @param minLevel {@code info}, {@code warn} (when null), {@code error} or {@code critical}
     * @param types    event type patterns ({@code *}, {@code delivery.*}, {@code llm.error}); empty means all
     */
    public record NewSink(String type, String url, String to, String secret, String minLevel, List<String> types) {}

    /**
     * A sink as it may be shown: never the Slack URL nor the secret.
     *
     * @param url the webhook's URL (null for Slack and email: a Slack URL is a credential)
     */
    public record Sink(
            UUID id,
            String type,
            String url,
            boolean urlSet,
            String to,
            boolean secretSet,
            String minLevel,
            List<String> types,
            Instant createdAt) {}

    /** The organization's sinks, oldest first. */
    public List<Sink> list(OrganizationId organization) {
        return service.list(organization);
    }

    /**
     * @throws io.parley.platform.InvalidRequestException naming the field, when a field is missing or invalid
     * @throws io.parley.platform.egress.EgressRefusedException when the URL points where Parley may not go
     */
    public Sink create(OrganizationId organization, NewSink sink) {
        return service.create(organization, sink);
    }

    /** @throws io.parley.platform.NotFoundException when the organization has no such sink */
    public void delete(OrganizationId organization, UUID sinkId) {
        service.delete(organization, sinkId);
    }
}
