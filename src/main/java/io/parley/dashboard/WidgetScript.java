package io.parley.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * {@code GET /widget.js}: the embeddable web widget as one script, for any site's {@code <script>} tag. It is the
 * widget ({@code widget/widget.js}) and the safe Markdown renderer the sandbox uses ({@code static/js/markdown.js})
 * in one function, so the renderer has one source and the host page gets one global ({@code window.Parley}).
 * Short public caching with an ETag: a new Parley version reaches every site within minutes, and a revalidation is
 * a 304. Any origin may load it (the channel's {@code allowedOrigins} guard the client API, not the script).
 */
@RestController
class WidgetScript {
    static final MediaType JAVASCRIPT = new MediaType("application", "javascript", StandardCharsets.UTF_8);
    private static final CacheControl CACHING =
            CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic().staleWhileRevalidate(Duration.ofHours(1));

    private final byte[] script;
    private final String etag;

    WidgetScript() {
        String markdown = read("static/js/markdown.js");
        String widget = read("widget/widget.js");
        // markdown.js exports through module.exports when a "module" is in scope: a local one keeps it off window.
        String assembled = "/*! Parley web widget. The Markdown renderer is Parley's static/js/markdown.js. */\n"
                + "(function () {\n'use strict';\n"
                + "var ParleyMarkdown = (function () {\nvar module = { exports: {} };\n" + markdown
                + "\nreturn module.exports;\n})();\n" + widget + "\n})();\n";
        this.script = assembled.getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(script).substring(0, 32) + "\"";
    }

    /** The script as served, for tests that run it without a server. */
    byte[] script() {
        return script.clone();
    }

    @GetMapping("/widget.js")
    ResponseEntity<byte[]> widget(WebRequest request) {
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304)
                    .cacheControl(CACHING)
                    .eTag(etag)
                    .header("Access-Control-Allow-Origin", "*")
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CACHING)
                .eTag(etag)
                .header("Access-Control-Allow-Origin", "*")
                // Sites that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .body(script);
    }

    private static String read(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
