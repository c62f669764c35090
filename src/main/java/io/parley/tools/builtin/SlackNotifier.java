package io.parley.tools.builtin;

import io.parley.platform.Secret;
import io.parley.platform.TransientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to an organization's Slack incoming webhook. The URL is a credential: it never appears in an error,
 * which the model and the execution record see.
 */
@Component
class SlackNotifier {
    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);
    /** Slack answers errors with short codes ("invalid_payload", "no_service"); those are safe to pass on. */
    private static final Pattern SLACK_ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private final HttpClient http;
    private final NotificationProperties properties;
    private final JsonMapper json;

    SlackNotifier(NotificationProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.slackTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    void send(Secret webhookUrl, OwnerNotification notification) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl.reveal()))
                .timeout(properties.slackTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(SlackMessage.of(notification))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("Slack notification failed: {}", e.getClass().getSimpleName());
            throw new TransientException("slack_unreachable", "Could not reach Slack (" + e.getClass().getSimpleName()
                    + "); the owner was not notified.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted", "Interrupted while notifying Slack; the owner was not notified.", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            log.warn("Slack notification refused with status {}", response.statusCode());
            throw new TransientException("slack_error", "Slack answered " + response.statusCode()
                    + (SLACK_ERROR_CODE.matcher(body).matches() ? " (" + body + ")" : "")
                    + "; the owner was not notified.", null);
        }
    }
}
