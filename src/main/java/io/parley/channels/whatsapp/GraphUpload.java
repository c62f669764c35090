package io.parley.channels.whatsapp;

import io.parley.platform.Secret;
import io.parley.platform.UpstreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads outbound media: {@code POST /{phone-number-id}/media} as multipart, answering Meta's media id (§3.8). A
 * failure is a 422 with a {@code reason} ({@code graph_refused}, {@code graph_unavailable}, {@code graph_unreachable}).
 */
@Component
class GraphUpload {
    private final HttpClient http;
    private final WhatsAppProperties properties;
    private final JsonMapper json;

    GraphUpload(WhatsAppProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    String upload(String phoneNumberId, Secret token, String mimeType, String filename, byte[] file) {
        String boundary = "parley-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.graphBase() + "/" + phoneNumberId + "/media"))
                .timeout(properties.requestTimeout().plus(Duration.ofSeconds(20)))
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, mimeType, filename, file)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UpstreamException("media_upload_failed", "Uploading to WhatsApp failed: "
                    + e.getClass().getSimpleName() + "; try again later", true,
                    Map.of("reason", "graph_unreachable"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("media_upload_failed", "Interrupted while uploading", true,
                    Map.of("reason", "graph_unreachable"), e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 == 2 && answer.path("id").isString()) {
            return answer.path("id").asString();
        }
        JsonNode code = answer.path("error").path("code");
        int status = response.statusCode();
        boolean unavailable = status >= 500 || status == 429;
        Map<String, Object> context = new HashMap<>(Map.of("reason", unavailable ? "graph_unavailable"
                : "graph_refused", "graphStatus", status));
        if (code.isNumber()) {
            context.put("graphCode", code.asInt());
        }
        throw new UpstreamException("media_upload_rejected", "WhatsApp answered " + status + " to the upload"
                + (answer.path("error").path("message").isString()
                ? ": " + answer.path("error").path("message").asString() : ""), unavailable, context, null);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    private static byte[] body(String boundary, String mimeType, String filename, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 512);
        field(out, boundary, "messaging_product", "whatsapp");
        field(out, boundary, "type", mimeType);
        String safeName = filename == null || filename.isBlank() ? "file" : filename.replaceAll("[\"\\r\\n\\\\]", "_");
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + safeName
                + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n");
        out.writeBytes(file);
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
