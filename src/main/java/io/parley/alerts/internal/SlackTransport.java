package io.parley.alerts.internal;

import io.parley.events.StoredEvent;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Slack incoming webhook: {@code {"text": ...}}, escaped for Slack ({@link AlertContent#slackText}). */
@Component
class SlackTransport implements AlertTransport {
    private final HttpPoster http;
    private final JsonMapper json;

    SlackTransport(HttpPoster http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public AlertSink.Type type() {
        return AlertSink.Type.SLACK;
    }

    @Override
    public SinkOutcome send(AlertSink sink, UUID deliveryId, StoredEvent event) {
        return http.post(
                sink.slackUrl().reveal(), json.writeValueAsString(Map.of("text", AlertContent.slackText(event))));
    }
}
