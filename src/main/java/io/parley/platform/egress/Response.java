package io.parley.platform.egress;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response read in full (within its limit). Header names are lower-case. */
public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public boolean successful() {
        return status / 100 == 2;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
