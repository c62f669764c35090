package io.parley.channels.whatsapp.graph;

import io.parley.channels.whatsapp.WhatsAppProperties;
import io.parley.platform.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client for Meta's Graph API: the base URL with its version ({@code parley.whatsapp.graph-url}), the
 * bearer token, connect and request timeouts, HTTP/1.1, and every answer as a {@link GraphResponse} (Meta's error
 * object and {@code Retry-After} read in one place). Sends, read receipts, media download and upload, template
 * sync and number verification all call Graph through it; what an answer means for each is {@link GraphOutcomes}'.
 *
 * <p>Paths are relative to the versioned base ({@code "123/messages"}). Transport failures are thrown as they come
 * ({@link IOException}, {@link InterruptedException}): whether a lost answer may be retried differs per call.
 */
@Component
public class GraphClient {
    private final WhatsAppProperties properties;
    private final JsonMapper json;
    /** Graph itself answers without redirects; a redirect is not followed with the token. */
    private final HttpClient graph;
    /** Media URLs point at Meta's CDN, which may redirect. */
    private final HttpClient downloads;

    public GraphClient(WhatsAppProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.graph = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.downloads = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The versioned base, without a trailing slash. */
    public URI base() {
        return URI.create(graphBase());
    }

    /** {@code path} (and query) under the versioned base. */
    public URI uri(String path) {
        return URI.create(graphBase() + "/" + path);
    }

    /** Whether {@code link} (a {@code paging.next}, say) points at the Graph API, so the token may go there. */
    public boolean isGraph(URI link) {
        URI base = base();
        return base.getScheme().equalsIgnoreCase(String.valueOf(link.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(link.getHost()))
                && base.getPort() == link.getPort();
    }

    /** {@code POST /{path}} with {@code body} as JSON. */
    public GraphResponse postJson(String path, Secret token, Object body) throws IOException, InterruptedException {
        HttpRequest request = authorized(uri(path), token, properties.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return answer(graph.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * {@code POST /{path}} as {@code multipart/form-data}; an upload carries a file, so it gets {@code extraTime}
     * beyond the request timeout.
     */
    public GraphResponse postMultipart(String path, Secret token, GraphMultipart form, Duration extraTime)
            throws IOException, InterruptedException {
        HttpRequest request = authorized(
                        uri(path), token, properties.requestTimeout().plus(extraTime))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
                .build();
        return answer(graph.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** {@code GET /{path}}. */
    public GraphResponse get(String path, Secret token) throws IOException, InterruptedException {
        return get(uri(path), token);
    }

    /** {@code GET} of an absolute Graph URI (check it with {@link #isGraph} first). */
    public GraphResponse get(URI uri, Secret token) throws IOException, InterruptedException {
        HttpRequest request =
                authorized(uri, token, properties.requestTimeout()).GET().build();
        return answer(graph.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** {@code GET /{media-id}}: the media lookup goes the way its download goes, following redirects. */
    public GraphResponse getMedia(String mediaId, Secret token) throws IOException, InterruptedException {
        HttpRequest request = authorized(uri(mediaId), token, properties.requestTimeout())
                .GET()
                .build();
        return answer(downloads.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** {@code GET /{path}}, reading at most {@code maxBody} bytes of the answer (as UTF-8). */
    public GraphResponse get(String path, Secret token, int maxBody) throws IOException, InterruptedException {
        HttpRequest request =
                authorized(uri(path), token, properties.requestTimeout()).GET().build();
        HttpResponse<InputStream> response = graph.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(maxBody), StandardCharsets.UTF_8);
        }
        return new GraphResponse(response.statusCode(), body, response.headers(), json);
    }

    /**
     * {@code GET} of a media URL Graph handed out, with the token, following redirects. The request timeout ends
     * when the headers arrive; the caller bounds the transfer of the body.
     */
    public HttpResponse<InputStream> download(URI url, Secret token) throws IOException, InterruptedException {
        return downloads.send(
                authorized(url, token, properties.requestTimeout()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static HttpRequest.Builder authorized(URI uri, Secret token, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token.reveal());
    }

    private GraphResponse answer(HttpResponse<String> response) {
        return new GraphResponse(response.statusCode(), response.body(), response.headers(), json);
    }

    private String graphBase() {
        String url = properties.graphUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
