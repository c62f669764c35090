package io.parley.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for Parley's own API, as an operator would use it (bearer token, JSON). */
public final class Api {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    private final HttpClient http;

    public Api(String base, String token) {
        this(base, token, HTTP);
    }

    private Api(String base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    public static Api at(int port) {
        return new Api("http://localhost:" + port, ParleyTestContext.ADMIN_TOKEN);
    }

    public Api withToken(String otherToken) {
        return new Api(base, otherToken, http);
    }

    /**
     * The same API reached from {@code localAddress} (any 127.x.y.z on Linux), so per-source-address limits count
     * this client apart from every other test's traffic, which comes from 127.0.0.1.
     */
    public Api from(String localAddress) {
        try {
            return new Api(
                    base.replace("//localhost:", "//127.0.0.1:"),
                    token,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .localAddress(InetAddress.getByName(localAddress))
                            .build());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(localAddress, e);
        }
    }

    public String base() {
        return base;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            return json().path(field).asString();
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET with extra headers (name, value, name, value ...), e.g. {@code X-Request-ID}. */
    public Response getWithHeaders(String path, String... headers) {
        return send(request(path).headers(headers).GET());
    }

    public Response post(String path, String jsonBody) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** A JSON POST with extra headers (name, value, name, value ...), e.g. {@code Idempotency-Key}. */
    public Response post(String path, String jsonBody, String... headers) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    public Response put(String path, String jsonBody) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Response patch(String path, String jsonBody) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** A multipart/form-data POST with one file part named {@code field}. */
    public Response upload(String path, String field, String filename, String contentType, byte[] content) {
        String boundary = "parley-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body.writeBytes(head);
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postRaw(String path, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    public Response getRaw(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonMapper json() {
        return JSON;
    }
}
