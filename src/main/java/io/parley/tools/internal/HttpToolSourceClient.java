package io.parley.tools.internal;

import io.parley.llm.ToolSpec;
import io.parley.platform.egress.BodyTooLargeException;
import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.HttpStatuses;
import io.parley.platform.egress.Response;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import io.parley.tools.ToolsProperties;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plain REST tool servers, the seed's convention: {@code GET {url}/tools} lists tools, {@code POST {url}/tools/{name}}
 * runs one with the arguments as the JSON body plus {@code chatbot_id}, which Parley sets (the model cannot).
 * Requests go through the egress policy's client (ADR 24). Errors name the method, path, status and a fixed
 * classification, never the configured headers and never the server's words: the URL is the tenant's to choose, so
 * an error body could be an internal service's answer. A 2xx body is the tool's result, for the model.
 */
@Component
class HttpToolSourceClient implements ToolSourceClient {
    static final String CHATBOT_ID = "chatbot_id";
    /** A tool list or result past this is no answer a model could use; reading stops there. */
    static final long MAX_RESPONSE_BYTES = 1024 * 1024;

    private final EgressHttp http;
    private final ToolsProperties properties;
    private final JsonMapper json;

    HttpToolSourceClient(ToolsProperties properties, JsonMapper json, EgressHttp http) {
        this.properties = properties;
        this.json = json;
        this.http = http;
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public List<ToolSpec> discover(ToolSource source) throws IOException, InterruptedException {
        String body = send(source, request(source, new HttpGet(uri(source, "/tools"))));
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new IOException("GET /tools did not answer JSON");
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
        HttpPost request =
                request(source, new HttpPost(uri(source, "/tools/" + URLEncoder.encode(tool, StandardCharsets.UTF_8))));
        request.setHeader("X-Parley-Chatbot-Id", context.chatbotId().value().toString());
        request.setEntity(new StringEntity(
                json.writeValueAsString(body), ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        if (context.conversationId() != null) {
            request.setHeader(
                    "X-Parley-Conversation-Id", context.conversationId().value().toString());
        }
        String result = send(source, request);
        return result.isBlank() ? "{}" : result;
    }

    /** The seed names it {@code input_schema}, MCP {@code inputSchema}; {@code chatbot_id} is ours to fill in. */
    private String schema(JsonNode tool) {
        JsonNode schema = tool.has("parameters")
                ? tool.get("parameters")
                : tool.has("inputSchema") ? tool.get("inputSchema") : tool.path("input_schema");
        if (!schema.isObject()) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (copy.path("properties") instanceof ObjectNode properties) {
            properties.remove(CHATBOT_ID);
        }
        if (copy.path("required").isArray()) {
            List<JsonNode> required = copy.path("required")
                    .valueStream()
                    .filter(n -> !CHATBOT_ID.equals(n.asString("")))
                    .toList();
            copy.putArray("required").addAll(required);
        }
        return json.writeValueAsString(copy);
    }

    private static URI uri(ToolSource source, String path) {
        String base = source.url().endsWith("/")
                ? source.url().substring(0, source.url().length() - 1)
                : source.url();
        return URI.create(base + path);
    }

    private static <T extends HttpUriRequestBase> T request(ToolSource source, T request) {
        request.setHeader("Accept", "application/json");
        source.headers().forEach(request::setHeader);
        return request;
    }

    private String send(ToolSource source, HttpUriRequestBase request) throws IOException {
        String what = request.getMethod() + " " + request.getRequestUri().replaceFirst("\\?.*", "");
        Response response;
        try {
            response = http.send(
                    request,
                    new EgressHttp.Timeouts(properties.connectTimeout(), properties.timeout()),
                    MAX_RESPONSE_BYTES);
        } catch (EgressRefusedException e) {
            throw new IOException(what + " was not sent: " + e.reason());
        } catch (BodyTooLargeException e) {
            throw new IOException(what + " answered more than " + MAX_RESPONSE_BYTES / 1024 + " KB");
        } catch (InterruptedIOException e) {
            throw new IOException(
                    what + " did not answer within " + properties.timeout().toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IOException(
                    what + " failed: could not reach " + source.name() + " ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        if (!response.successful()) {
            throw new IOException(what + " answered " + HttpStatuses.describe(response.status()));
        }
        return response.text();
    }
}
