package io.parley.payments.internal.webhook;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.payments.internal.StripeProperties;
import io.parley.payments.internal.connect.StripeIntegration;
import io.parley.payments.internal.connect.StripeIntegrationRepository;
import io.parley.platform.NulCharacters;
import io.parley.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook endpoint, one per integration: the path picks the signing secrets. The raw body is verified
 * before it is parsed, and the event is committed before the 200. Answers: 404 for an unknown integration (Stripe
 * keeps retrying a dead endpoint until it is removed from the dashboard), 400 {@code invalid_signature} for a missing,
 * wrong or stale signature (400 rather than 401: Stripe sends every tenant's events from the same addresses, and a
 * 401 would spend those addresses' failure budget for all tenants; Stripe retries any non-2xx), 400 for a body that
 * is not an event, 413 past {@code parley.stripe.max-payload}, 5xx when storing failed so that Stripe delivers again.
 */
@RestController
class StripeWebhookController {
    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);
    private static final Duration FAILURE_EVENT_WINDOW = Duration.ofMinutes(10);

    private final StripeIntegrationRepository integrations;
    private final StripeEvents stripeEvents;
    private final SystemEvents events;
    private final StripeProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    StripeWebhookController(
            StripeIntegrationRepository integrations,
            StripeEvents stripeEvents,
            SystemEvents events,
            StripeProperties properties,
            JsonMapper json,
            Clock clock) {
        this.integrations = integrations;
        this.stripeEvents = stripeEvents;
        this.events = events;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/webhooks/stripe/{integrationId}")
    ResponseEntity<?> receive(@PathVariable String integrationId, HttpServletRequest request) throws IOException {
        Optional<StripeIntegration> integration = parse(integrationId).flatMap(integrations::find);
        if (integration.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "stripe_integration_not_found", "No such Stripe integration");
        }
        long limit = properties.maxPayload().toBytes();
        if (request.getContentLengthLong() > limit) {
            return tooLarge(limit);
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            return tooLarge(limit);
        }
        StripeSignature.Verdict verdict = StripeSignature.verify(
                request.getHeader("Stripe-Signature"),
                body,
                integration.get().signingSecrets(clock.instant()),
                clock.instant(),
                properties.signatureTolerance());
        if (verdict != StripeSignature.Verdict.VALID) {
            signatureFailed(integration.get(), verdict);
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "stripe_signature_invalid",
                    "Stripe-Signature is missing, does not match the endpoint's signing secret, or is too old");
        }
        JsonNode event = event(body);
        if (event == null) {
            return problem(HttpStatus.BAD_REQUEST, "malformed_webhook", "The body is not a Stripe event");
        }
        String eventId = NulCharacters.strip(event.path("id").asString());
        String type = NulCharacters.strip(event.path("type").asString());
        String outcome =
                stripeEvents.receive(integration.get(), eventId, type, event, new String(body, StandardCharsets.UTF_8));
        log.info(
                "Stripe event {} ({}) for integration {}: {}",
                eventId,
                type,
                integration.get().id(),
                outcome);
        return ResponseEntity.ok().build();
    }

    private void signatureFailed(StripeIntegration integration, StripeSignature.Verdict verdict) {
        log.warn("Stripe webhook for integration {} refused: signature {}", integration.id(), verdict);
        events.recordUnlessRecent(
                SystemEvent.of(SystemEvent.Level.WARN, "stripe.signature_verification_failure")
                        .organization(integration.organizationId())
                        .with("integrationId", integration.id().toString())
                        .with("reason", verdict.name().toLowerCase(java.util.Locale.ROOT))
                        .build(),
                FAILURE_EVENT_WINDOW);
    }

    /** The parsed event, or null unless it is an object with a string {@code id} and {@code type}. */
    private JsonNode event(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            boolean valid = node != null
                    && node.isObject()
                    && node.path("id").isString()
                    && node.path("type").isString()
                    && node.path("id").asString().length() <= 255
                    && node.path("type").asString().length() <= 255;
            return valid ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<?> tooLarge(long limit) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "Webhook bodies are limited to " + limit + " bytes");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail));
    }
}
