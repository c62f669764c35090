package io.parley.alerts.internal;

import io.parley.events.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed outbound webhook. {@code X-Parley-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}; the
 * receiver rejects stale timestamps and dedupes on {@code X-Parley-Delivery-Id} (the same on every retry).
 */
@Component
class WebhookTransport implements AlertTransport {
    private final HttpPoster http;
    private final JsonMapper json;
    private final Clock clock;

    WebhookTransport(HttpPoster http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public AlertSink.Type type() {
        return AlertSink.Type.WEBHOOK;
    }

    @Override
    public SinkOutcome send(AlertSink sink, UUID deliveryId, StoredEvent event) {
        String body = json.writeValueAsString(AlertContent.document(deliveryId, event));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return http.post(
                sink.url(),
                body,
                "X-Parley-Delivery-Id",
                deliveryId.toString(),
                "X-Parley-Timestamp",
                timestamp,
                "X-Parley-Signature",
                "sha256=" + sign(sink.secret().reveal(), timestamp + "." + body));
    }

    static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
