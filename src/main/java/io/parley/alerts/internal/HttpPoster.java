package io.parley.alerts.internal;

import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressRefusedException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POSTs JSON for the Slack and webhook transports through the egress policy's client (ADR 24). URLs are
 * credentials: never logged or put in an error. Only the status of the answer matters; its body is not read.
 */
@Component
class HttpPoster {
    private static final Logger log = LoggerFactory.getLogger(HttpPoster.class);
    private final EgressHttp http;
    private final AlertProperties properties;

    HttpPoster(AlertProperties properties, EgressHttp http) {
        this.properties = properties;
        this.http = http;
    }

    SinkOutcome post(String url, String body, String... headers) {
        HttpPost request = new HttpPost(URI.create(url));
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            int status = http.sendForStatus(request, EgressHttp.Timeouts.of(properties.timeout()));
            return SinkOutcome.ofHttpStatus(status);
        } catch (EgressRefusedException e) {
            log.warn("Alert sink refused by the egress policy");
            return new SinkOutcome.Failed("egress_refused", false);
        } catch (IOException e) {
            log.warn("Alert sink unreachable: {}", e.getClass().getSimpleName());
            return new SinkOutcome.Failed("unreachable_" + e.getClass().getSimpleName(), true);
        }
    }
}
