package io.parley.channels.whatsapp.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.access.FailureBudget;
import io.parley.channels.whatsapp.WhatsAppProperties;
import io.parley.channels.whatsapp.inbound.payload.MalformedWebhookException;
import io.parley.platform.web.Problems;
import io.parley.tenancy.ChannelAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook endpoint. Status codes are chosen for Meta's retry behaviour: 200 only after the event is
 * committed (or when retrying cannot help, e.g. a number nobody connected), 401 for a bad signature, 400 for a body
 * that is not JSON, 413 past the size limit, 5xx when storing failed so that Meta delivers again.
 */
@RestController
@RequestMapping(WebhookObservations.PATH)
@EnableConfigurationProperties(WhatsAppProperties.class)
class WhatsAppWebhookController {
    private final WhatsAppIngress ingress;
    private final ChannelAccounts accounts;
    private final WhatsAppProperties properties;
    private final MeterRegistry meters;
    private final IngestGate gate;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    WhatsAppWebhookController(
            WhatsAppIngress ingress, ChannelAccounts accounts, WhatsAppProperties properties, MeterRegistry meters) {
        this.ingress = ingress;
        this.accounts = accounts;
        this.properties = properties;
        this.meters = meters;
        this.gate = new IngestGate(
                properties.ingestConcurrency(), properties.ingestWait().toMillis());
    }

    @GetMapping
    ResponseEntity<String> verify(
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if ("subscribe".equals(mode) && challenge != null && isAcceptedVerifyToken(token)) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_PLAIN)
                .body("Forbidden");
    }

    @PostMapping
    ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            long limit = properties.maxPayload().toBytes();
            if (request.getContentLengthLong() > limit) {
                outcome = "too_large";
                return tooLarge(limit);
            }
            byte[] body = readAtMost(request.getInputStream(), limit);
            if (body == null) {
                outcome = "too_large";
                return tooLarge(limit);
            }
            if (!gate.tryEnter()) {
                outcome = "overloaded";
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, "1")
                        .body(Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "overloaded",
                                "Too many webhooks at once; retry shortly"));
            }
            WhatsAppIngress.Result result;
            try {
                result = ingress.receive(body, request.getHeader("X-Hub-Signature-256"));
            } finally {
                gate.exit();
            }
            if (result == WhatsAppIngress.Result.UNAUTHENTICATED) {
                outcome = "unauthenticated";
                return unauthenticated(request);
            }
            outcome = "accepted";
            return ResponseEntity.ok().build();
        } catch (MalformedWebhookException e) {
            outcome = "malformed";
            throw e;
        } finally {
            sample.stop(timers.computeIfAbsent(
                    outcome, o -> meters.timer("parley.webhook.ingest", "channel", "whatsapp", "outcome", o)));
        }
    }

    /** 401, or 429 once the sender's address has spent its budget of failures (a delivery that verifies passes). */
    private static ResponseEntity<ProblemDetail> unauthenticated(HttpServletRequest request) {
        Optional<Duration> wait = FailureBudget.spent(request);
        if (wait.isPresent()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(Math.max(1, wait.get().toSeconds())))
                    .body(Problems.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too_many_failed_attempts",
                            "Too many failed authentications from this address; retry later"));
        }
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "invalid_signature",
                        "X-Hub-Signature-256 is missing or does not match the app secret"));
    }

    private boolean isAcceptedVerifyToken(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        String global = properties.verifyToken();
        if (global != null
                && !global.isEmpty()
                && MessageDigest.isEqual(
                        global.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return accounts.isKnownVerifyToken(token);
    }

    private static ResponseEntity<?> tooLarge(long limit) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload_too_large",
                        "Webhook bodies are limited to " + limit + " bytes"));
    }

    /** Reads the body, or returns null once it exceeds {@code limit} (chunked requests have no Content-Length). */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return bytes.length > limit ? null : bytes;
    }
}
