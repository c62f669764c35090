package io.parley.alerts.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** POSTs JSON for the Slack and webhook transports. URLs are credentials: never logged or put in an error. */
@Component
class HttpPoster {
    private static final Logger log = LoggerFactory.getLogger(HttpPoster.class);
    private final HttpClient http;
    private final AlertProperties properties;

    HttpPoster(AlertProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    SinkOutcome post(String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return SinkOutcome.ofHttpStatus(status);
        } catch (IOException e) {
            log.warn("Alert sink unreachable: {}", e.getClass().getSimpleName());
            return new SinkOutcome.Failed("unreachable_" + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SinkOutcome.Failed("interrupted", true);
        }
    }
}
