package io.parley.engines.internal;

import io.parley.engines.internal.ExternalEngineRepository.StoredEndpoint;
import io.parley.platform.WorkPermits;
import io.parley.platform.egress.BodyTooLargeException;
import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;

/**
 * POSTs a turn to the tenant's endpoint through the egress client, signed like alert webhooks:
 * {@code X-Parley-Signature: sha256=<hex HMAC-SHA256 of "<X-Parley-Timestamp>.<body>">}, with the turn's
 * {@code Idempotency-Key} (also as {@code X-Parley-Delivery-Id}, the header alert receivers dedupe on). The endpoint's
 * timeout bounds the whole exchange, answer body included; the answer is read up to {@link #MAX_RESPONSE_BYTES}. The
 * URL, the body and the secret are never logged or put into a failure.
 */
@Component
class EndpointCalls {
    static final long MAX_RESPONSE_BYTES = 64 * 1024;
    static final String SIGNATURE = "X-Parley-Signature";
    static final String TIMESTAMP = "X-Parley-Timestamp";
    static final String DELIVERY_ID = "X-Parley-Delivery-Id";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** What came of a call. */
    sealed interface Result permits Answered, Failed {}

    /** A 2xx answer's body, within the limit. */
    record Answered(byte[] body) implements Result {}

    /**
     * @param reason {@code timeout}, {@code unreachable}, {@code egress_refused}, {@code http_status},
     *               {@code response_too_large}
     * @param status the HTTP status for {@code http_status}, else null
     */
    record Failed(String reason, Integer status) implements Result {}

    private final EgressHttp http;
    private final EgressPolicy policy;
    private final Clock clock;

    EndpointCalls(EgressHttp http, EgressPolicy policy, Clock clock) {
        this.http = http;
        this.policy = policy;
        this.clock = clock;
    }

    /** Sends {@code body}; waits for the answer without holding the turn's work permit (ADR 51). */
    Result post(StoredEndpoint endpoint, String body, String idempotencyKey) {
        URI uri = URI.create(endpoint.endpoint().url());
        // Stored as https or for a host the operator allowed; a name that moved to a public address loses plain http.
        if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && !policy.operatorAllowed(uri)) {
            return new Failed("egress_refused", null);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpPost request = new HttpPost(uri);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        request.setHeader("Accept", "application/json");
        request.setHeader(IDEMPOTENCY_KEY, idempotencyKey);
        request.setHeader(DELIVERY_ID, idempotencyKey);
        request.setHeader(TIMESTAMP, timestamp);
        request.setHeader(SIGNATURE, "sha256=" + sign(endpoint.secret().reveal(), timestamp + "." + body));
        return WorkPermits.waiting(() -> exchange(request, endpoint.endpoint().timeout()));
    }

    private Result exchange(HttpPost request, Duration timeout) {
        AtomicBoolean expired = new AtomicBoolean();
        // The client's timeouts bound each wait for bytes; this bounds the whole exchange (a trickling answer too).
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(
                () -> {
                    expired.set(true);
                    request.cancel();
                },
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            Response response = http.send(request, EgressHttp.Timeouts.of(timeout), MAX_RESPONSE_BYTES);
            if (!response.successful()) {
                return new Failed("http_status", response.status());
            }
            return new Answered(response.body());
        } catch (EgressRefusedException e) {
            return new Failed("egress_refused", null);
        } catch (BodyTooLargeException e) {
            return new Failed("response_too_large", null);
        } catch (UnknownHostException e) {
            return new Failed("unreachable", null);
        } catch (IOException e) {
            return new Failed(expired.get() || e instanceof InterruptedIOException ? "timeout" : "unreachable", null);
        } finally {
            deadline.cancel(false);
        }
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
