package io.parley.tools.internal;

import io.parley.llm.ToolSpec;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import io.parley.tools.ToolsProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain REST tool servers, the seed's convention: {@code GET {url}/tools} lists tools, {@code POST {url}/tools/{name}}
 * runs one with the arguments as the JSON body plus {@code chatbot_id}, which Parley sets (the model cannot).
 * Errors name the status and a short excerpt of the body, never the configured headers.
 */
@Component
class HttpToolSourceClient implements ToolSourceClient {
    static final String CHATBOT_ID = "chatbot_id";
    private static final int EXCERPT = 200;

    private final HttpClient http;
    private final ToolsProperties properties;
    private final JsonMapper json;

    HttpToolSourceClient(ToolsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public List<ToolSpec> discover(ToolSource source) throws IOException, InterruptedException {
        String body = send(source, request(source, "/tools").GET());
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new IOException("GET /tools did not answer JSON: " + excerpt(body));
        }
        JsonNode list = root.isArray() ? root : root.path("tools");
        if (!list.isArray()) {
            throw new IOException("GET /tools must answer a JSON array of tools or {\"tools\": [...]}");
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode tool : list) {
            String name = tool.path("name").asString("");
            if (name.isBlank()) {
                throw new IOException("GET /tools listed a tool without a name");
            }
            tools.add(new ToolSpec(name, tool.path("description").asString(""), schema(tool)));
        }
        return tools;
    }

    @Override
    public String call(ToolSource source, String tool, String argumentsJson, ToolContext context)
            throws IOException, InterruptedException {
        ObjectNode body = (ObjectNode) json.readTree(argumentsJson);
        body.put(CHATBOT_ID, context.chatbotId().value().toString());
        HttpRequest.Builder request = request(source, "/tools/" + URLEncoder.encode(tool, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Parley-Chatbot-Id", context.chatbotId().value().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (context.conversationId() != null) {
            request.header("X-Parley-Conversation-Id", context.conversationId().value().toString());
        }
        String result = send(source, request);
        return result.isBlank() ? "{}" : result;
    }

    /** The seed names it {@code input_schema}, MCP {@code inputSchema}; {@code chatbot_id} is ours to fill in. */
    private String schema(JsonNode tool) {
        JsonNode schema = tool.has("parameters") ? tool.get("parameters")
                : tool.has("inputSchema") ? tool.get("inputSchema") : tool.path("input_schema");
        if (!schema.isObject()) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (copy.path("properties") instanceof ObjectNode properties) {
            properties.remove(CHATBOT_ID);
        }
        if (copy.path("required").isArray()) {
            List<JsonNode> required = copy.path("required").valueStream()
                    .filter(n -> !CHATBOT_ID.equals(n.asString(""))).toList();
            copy.putArray("required").addAll(required);
        }
        return json.writeValueAsString(copy);
    }

    private HttpRequest.Builder request(ToolSource source, String path) {
        String base = source.url().endsWith("/") ? source.url().substring(0, source.url().length() - 1) : source.url();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(properties.timeout())
                .header("Accept", "application/json");
        source.headers().forEach(builder::header);
        return builder;
    }

    private String send(ToolSource source, HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest request = builder.build();
        String what = request.method() + " " + request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IOException(what + " did not answer within " + properties.timeout().toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IOException(what + " failed: could not reach " + source.name() + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " answered HTTP " + response.statusCode()
                    + (body.isBlank() ? "" : ": " + excerpt(body)));
        }
        return body;
    }

    private static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }
}
