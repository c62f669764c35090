package io.parley.llm.internal;

import java.net.URI;
import java.util.Locale;

/** A base URL's server as lower-case {@code host:port} (the scheme's port when none is written), for bounds. */
final class ServerName {
    private ServerName() {}

    /** The server of {@code baseUrl}; a URL without a host (never stored: the egress policy checks it) names itself. */
    static String of(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            return baseUrl.strip().toLowerCase(Locale.ROOT);
        }
        if (uri.getHost() == null) {
            return baseUrl.strip().toLowerCase(Locale.ROOT);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
