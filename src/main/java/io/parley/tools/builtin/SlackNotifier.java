package io.parley.tools.builtin;

import io.parley.platform.Secret;
import io.parley.platform.TransientException;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to an organization's Slack incoming webhook through the egress policy's client (ADR 24). The URL is a
 * credential: it never appears in an error, which the model and the execution record see; nor does anything the
 * server answered beyond its status (the URL is the tenant's to choose, so the answer could be anyone's).
 */
@Component
class SlackNotifier {
    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);

    private final EgressHttp http;
    private final NotificationProperties properties;
    private final JsonMapper json;

    SlackNotifier(NotificationProperties properties, JsonMapper json, EgressHttp http) {
        this.properties = properties;
        this.json = json;
        this.http = http;
    }

    void send(Secret webhookUrl, OwnerNotification notification) {
        HttpPost request = new HttpPost(URI.create(webhookUrl.reveal()));
        request.setEntity(new StringEntity(
                json.writeValueAsString(SlackMessage.of(notification)),
                ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        int status;
        try {
            status = http.sendForStatus(request, EgressHttp.Timeouts.of(properties.slackTimeout()));
        } catch (EgressRefusedException e) {
            log.warn("Slack notification refused by the egress policy");
            throw new TransientException(
                    "slack_refused",
                    "The Slack webhook's address is refused by this server's "
                            + "egress policy; the owner was not notified.",
                    null);
        } catch (IOException e) {
            log.warn("Slack notification failed: {}", e.getClass().getSimpleName());
            throw new TransientException(
                    "slack_unreachable",
                    "Could not reach Slack (" + e.getClass().getSimpleName() + "); the owner was not notified.",
                    e);
        }
        if (status / 100 != 2) {
            log.warn("Slack notification refused with status {}", status);
            throw new TransientException(
                    "slack_error", "Slack answered " + status + "; the owner was not notified.", null);
        }
    }
}
