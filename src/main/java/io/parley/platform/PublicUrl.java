package io.parley.platform;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The base URL people and providers reach this node at: {@code PARLEY_PUBLIC_URL}, else http://localhost:port. */
@Component
public class PublicUrl {
    private final PlatformProperties properties;
    private final Environment environment;

    public PublicUrl(PlatformProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public String base() {
        String configured = properties.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    public String resolve(String path) {
        return base() + (path.startsWith("/") ? path : "/" + path);
    }
}
