package io.parley.knowledge.internal.crawl;

import io.parley.knowledge.internal.KnowledgeProperties;
import io.parley.platform.TransientException;
import io.parley.platform.egress.BodyTooLargeException;
import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Fetches web pages for URL sources and crawls through the egress policy's client (ADR 24): every redirect hop is
 * checked before it is requested and connects only to an address the policy returned; bodies stop at
 * {@code maxFileSize} while they stream. Requests to one host are spaced by {@code crawlDelay}; 5xx/429/timeouts are
 * {@link TransientException}s so ingestion retries them, anything permanent an IllegalArgumentException with a
 * reason for the user.
 */
@Component
class UrlFetcher {
    static final String USER_AGENT = "Parley/0.1 (knowledge crawler)";
    private static final int MAX_REDIRECTS = 5;

    private final KnowledgeProperties properties;
    private final EgressPolicy policy;
    private final EgressHttp http;
    private final Map<String, Long> nextSlot = new ConcurrentHashMap<>();

    UrlFetcher(KnowledgeProperties properties, EgressPolicy policy, EgressHttp http) {
        this.properties = properties;
        this.policy = policy;
        this.http = http;
    }

    record Fetched(URI url, int status, String contentType, byte[] body) {}

    /** The final response (after redirects), whatever its status; throws for transient failures. */
    Fetched fetch(URI url) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            requireAllowed(current);
            throttle(current.getHost());
            Response response = send(current);
            int status = response.status();
            if (status >= 300 && status < 400 && response.header("Location").isPresent()) {
                current = current.resolve(response.header("Location").get());
                continue;
            }
            if (status == 429 || status >= 500) {
                throw new TransientException("fetch_failed", "The page answered HTTP " + status, null);
            }
            return new Fetched(current, status, response.header("Content-Type").orElse(null), response.body());
        }
        throw new IllegalArgumentException("Too many redirects");
    }

    private Response send(URI url) {
        HttpGet request = new HttpGet(url);
        request.setHeader("User-Agent", USER_AGENT);
        try {
            return http.send(
                    request,
                    EgressHttp.Timeouts.of(properties.fetchTimeout()),
                    properties.maxFileSize().toBytes());
        } catch (BodyTooLargeException e) {
            throw new IllegalArgumentException(
                    "The page is larger than " + readable(properties.maxFileSize()) + " (reading stopped there)");
        } catch (EgressRefusedException e) {
            throw new IllegalArgumentException("The page's address is refused: " + e.reason());
        } catch (IOException e) {
            throw new TransientException(
                    "fetch_failed",
                    "The page could not be fetched (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    /** An http(s) URL whose host the egress policy accepts (a redirect hop too); the message is shown to the user. */
    private void requireAllowed(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("Only http and https URLs with a host can be fetched");
        }
        try {
            policy.check(null, url.toString()); // an unresolvable host fails when connecting, as a transient error
        } catch (EgressRefusedException e) {
            throw new IllegalArgumentException("The page's address is refused: " + e.reason());
        }
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0
                ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** One request per host per {@code crawlDelay}; waiting callers take consecutive slots. */
    private void throttle(String host) {
        long delay = properties.crawlDelay().toNanos();
        long now = System.nanoTime();
        long[] slot = new long[1];
        nextSlot.compute(host.toLowerCase(Locale.ROOT), (key, next) -> {
            slot[0] = next == null || next < now ? now : next;
            return slot[0] + delay;
        });
        long wait = slot[0] - now;
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientException("fetch_interrupted", "Fetching was interrupted", e);
            }
        }
    }
}
