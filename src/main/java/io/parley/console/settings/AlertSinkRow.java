package io.parley.console.settings;

import io.parley.alerts.AlertSinks;
import io.parley.console.operations.UtcTimes;

/**
 * An alert sink as the settings table shows it: never its Slack URL nor its secret (the facade has neither), and of a
 * webhook's URL only the host.
 */
record AlertSinkRow(AlertSinks.Sink sink, String created) {
    AlertSinkRow(AlertSinks.Sink sink) {
        this(sink, UtcTimes.format(sink.createdAt()));
    }

    /** A webhook's scheme and host only: its path or query may carry a token, so the rest is not shown. */
    public String webhookHost() {
        if (sink.url() == null) {
            return "";
        }
        java.net.URI uri = java.net.URI.create(sink.url());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
    }

    public String types() {
        return String.join(", ", sink.types());
    }
}
