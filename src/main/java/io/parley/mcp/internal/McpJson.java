package io.parley.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.parley.platform.web.NulFreeJson;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's Jackson mapper with two changes for hostile clients: strings lose U+0000 like every other body
 * ({@link NulFreeJson}), and a body that is JSON {@code null} is malformed. The SDK would dereference the missing
 * message (a 500 quoting a NullPointerException); an {@link IllegalArgumentException} is its 400 "invalid message".
 */
final class McpJson implements McpJsonMapper {
    private final JacksonMcpJsonMapper jackson =
            new JacksonMcpJsonMapper(NulFreeJson.configure(JsonMapper.builder()).build());

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return present(jackson.readValue(content, type));
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return present(jackson.readValue(content, type));
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return present(jackson.readValue(content, type));
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return present(jackson.readValue(content, type));
    }

    @Override
    public <T> T convertValue(Object value, Class<T> type) {
        return jackson.convertValue(value, type);
    }

    @Override
    public <T> T convertValue(Object value, TypeRef<T> type) {
        return jackson.convertValue(value, type);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return jackson.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return jackson.writeValueAsBytes(value);
    }

    private static <T> T present(T value) {
        if (value == null) {
            throw new IllegalArgumentException("The message must be a JSON object, not null");
        }
        return value;
    }
}
