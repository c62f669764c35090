package io.parley.knowledge.internal;

import io.parley.platform.TransientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Fetches web pages for URL sources and crawls. Guards against SSRF (http/https only; loopback, private, link-local
 * and multicast addresses refused, on every redirect hop), spaces requests to one host by {@code crawlDelay}, and
 * reports 5xx/429/timeouts as {@link TransientException} so ingestion retries them.
 */
@Component
class UrlFetcher {
    static final String USER_AGENT = "Parley/0.1 (knowledge crawler)";
    private static final int MAX_REDIRECTS = 5;

    private final KnowledgeProperties properties;
    private final HttpClient http;
    private final Map<String, Long> nextSlot = new ConcurrentHashMap<>();

    UrlFetcher(KnowledgeProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    record Fetched(URI url, int status, String contentType, byte[] body) {
    }

    /** The final response (after redirects), whatever its status; throws for transient failures. */
    Fetched fetch(URI url) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            requireAllowed(current);
            throttle(current.getHost());
            HttpResponse<byte[]> response = send(current);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                current = current.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status == 429 || status >= 500) {
                throw new TransientException("fetch_failed", "The page answered HTTP " + status, null);
            }
            return new Fetched(current, status, response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        }
        throw new IllegalArgumentException("Too many redirects");
    }

    private HttpResponse<byte[]> send(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.fetchTimeout())
                .header("User-Agent", USER_AGENT).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.body().length > properties.maxFileSize().toBytes()) {
                throw new IllegalArgumentException("The page is larger than " + properties.maxFileSize());
            }
            return response;
        } catch (IOException e) {
            throw new TransientException("fetch_failed", "The page could not be fetched ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("fetch_interrupted", "Fetching was interrupted", e);
        }
    }

    /** Rejects URLs the server must not fetch on a tenant's behalf; the message is shown to the user. */
    void requireAllowed(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("Only http and https URLs with a host can be added");
        }
        if (properties.allowPrivateHosts()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()
                        || isUniqueLocal(address)) {
                    throw new IllegalArgumentException("URLs pointing at private or local addresses are not allowed");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The host '" + url.getHost() + "' does not resolve", e);
        }
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
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
