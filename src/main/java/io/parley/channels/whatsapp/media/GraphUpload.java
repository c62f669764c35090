package io.parley.channels.whatsapp.media;

import io.parley.channels.whatsapp.graph.GraphClient;
import io.parley.channels.whatsapp.graph.GraphError;
import io.parley.channels.whatsapp.graph.GraphMultipart;
import io.parley.channels.whatsapp.graph.GraphOutcomes;
import io.parley.channels.whatsapp.graph.GraphResponse;
import io.parley.platform.Secret;
import io.parley.platform.UpstreamException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    /** An upload carries a file: it may take this much longer than other Graph requests. */
    private static final Duration TRANSFER_TIME = Duration.ofSeconds(20);

    private final GraphClient graph;
    private final JsonMapper json;

    GraphUpload(GraphClient graph, JsonMapper json) {
        this.graph = graph;
        this.json = json;
    }

    String upload(String phoneNumberId, Secret token, String mimeType, String filename, byte[] file) {
        GraphMultipart form = new GraphMultipart()
                .field("messaging_product", "whatsapp")
                .field("type", mimeType)
                .file("file", filename, mimeType, file);
        GraphResponse response;
        try {
            response = graph.postMultipart(phoneNumberId + "/media", token, form, TRANSFER_TIME);
        } catch (IOException e) {
            throw new UpstreamException(
                    "media_upload_failed",
                    "Uploading to WhatsApp failed: " + e.getClass().getSimpleName() + "; try again later",
                    true,
                    Map.of("reason", "graph_unreachable"),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(
                    "media_upload_failed",
                    "Interrupted while uploading",
                    true,
                    Map.of("reason", "graph_unreachable"),
                    e);
        }
        JsonNode answer = parse(response.body());
        if (response.ok() && answer.path("id").isString()) {
            return answer.path("id").asString();
        }
        GraphError error = response.error();
        int status = response.status();
        boolean unavailable = GraphOutcomes.unavailable(status);
        Map<String, Object> context = new HashMap<>(
                Map.of("reason", unavailable ? "graph_unavailable" : "graph_refused", "graphStatus", status));
        if (error != null && error.code() != null) {
            context.put("graphCode", error.code());
        }
        throw new UpstreamException(
                "media_upload_rejected",
                "WhatsApp answered " + status + " to the upload"
                        + (error != null && error.message() != null ? ": " + error.message() : ""),
                unavailable,
                context,
                null);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }
}
