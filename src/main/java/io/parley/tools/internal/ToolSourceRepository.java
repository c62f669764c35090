package io.parley.tools.internal;

import io.parley.llm.ToolSpec;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.SecretBox;
import io.parley.platform.cache.ChangeNotices;
import io.parley.tools.ToolSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool sources with their credentials (HTTP headers, stdio env values) encrypted per row
 * ({@code tool_sources.credentials:<id>}).
 */
@Repository
public class ToolSourceRepository {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final ChangeNotices notices;

    ToolSourceRepository(JdbcClient jdbc, SecretBox secrets, JsonMapper json, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.json = json;
        this.notices = notices;
    }

    public void insert(ToolSource source) {
        jdbc.sql("""
                        insert into tool_sources (id, organization_id, type, name, transport, url, command, credentials,
                            tools, refreshed_at)
                        values (:id, :org, :type, :name, :transport, :url, cast(:command as jsonb), :credentials,
                            cast(:tools as jsonb), now())""")
                .param("id", source.id())
                .param("org", source.organizationId().value())
                .param("type", source.type())
                .param("name", source.name())
                .param("transport", source.transport())
                .param("url", source.url())
                .param("command", source.command().isEmpty() ? null : json.writeValueAsString(source.command()))
                .param("credentials", credentials(source))
                .param(
                        "tools",
                        json.writeValueAsString(source.tools().stream()
                                .map(ToolSourceRepository::toJson)
                                .toList()))
                .update();
    }

    /** New tool list of a source; every chatbot's tools are announced (a source may serve many chatbots). */
    public boolean updateTools(OrganizationId organizationId, UUID id, List<ToolSpec> tools) {
        boolean updated = jdbc.sql("update tool_sources set tools = cast(:tools as jsonb), refreshed_at = now() "
                                + "where id = :id and organization_id = :org")
                        .param("id", id)
                        .param("org", organizationId.value())
                        .param(
                                "tools",
                                json.writeValueAsString(tools.stream()
                                        .map(ToolSourceRepository::toJson)
                                        .toList()))
                        .update()
                == 1;
        notices.announceAll(ChatbotToolsRepository.TOPIC);
        return updated;
    }

    public boolean nameTaken(OrganizationId organizationId, String name) {
        return jdbc.sql("select count(*) from tool_sources where organization_id = :org and name = :name")
                        .param("org", organizationId.value())
                        .param("name", name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public Optional<ToolSource> find(OrganizationId organizationId, UUID id) {
        return jdbc.sql("select * from tool_sources where id = :id and organization_id = :org")
                .param("id", id)
                .param("org", organizationId.value())
                .query(this::map)
                .optional();
    }

    public List<ToolSource> list(OrganizationId organizationId) {
        return jdbc.sql("select * from tool_sources where organization_id = :org order by created_at, id")
                .param("org", organizationId.value())
                .query(this::map)
                .list();
    }

    /** The sources enabled for a chatbot. */
    public List<ToolSource> enabledFor(ChatbotId chatbotId) {
        return jdbc.sql("""
                        select s.* from tool_sources s
                        join chatbot_tools t on t.kind = 'source' and t.ref = s.id::text and t.organization_id = s.organization_id
                        where t.chatbot_id = :bot order by s.created_at, s.id""").param("bot", chatbotId.value()).query(this::map).list();
    }

    public boolean delete(OrganizationId organizationId, UUID id) {
        jdbc.sql("delete from chatbot_tools where kind = 'source' and ref = :ref and organization_id = :org")
                .param("ref", id.toString())
                .param("org", organizationId.value())
                .update();
        boolean deleted = jdbc.sql("delete from tool_sources where id = :id and organization_id = :org")
                        .param("id", id)
                        .param("org", organizationId.value())
                        .update()
                == 1;
        notices.announceAll(ChatbotToolsRepository.TOPIC);
        return deleted;
    }

    private ToolSource map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] credentials = rs.getBytes("credentials");
        JsonNode opened = credentials == null ? null : json.readTree(secrets.open(credentials, context(id)));
        Map<String, String> headers = opened == null
                ? Map.of()
                : json.readValue(opened.path("headers").toString(), HEADERS);
        Map<String, String> env = opened == null || !opened.has("env")
                ? Map.of()
                : json.readValue(opened.path("env").toString(), HEADERS);
        String command = rs.getString("command");
        List<ToolSpec> tools = json.readTree(rs.getString("tools"))
                .valueStream()
                .map(ToolSourceRepository::fromJson)
                .toList();
        return new ToolSource(
                id,
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("type"),
                rs.getString("name"),
                rs.getString("transport"),
                rs.getString("url"),
                command == null ? List.of() : json.readValue(command, STRINGS),
                headers,
                env,
                tools,
                rs.getTimestamp("refreshed_at") == null
                        ? null
                        : rs.getTimestamp("refreshed_at").toInstant());
    }

    private byte[] credentials(ToolSource source) {
        if (source.headers().isEmpty() && source.env().isEmpty()) {
            return null;
        }
        Map<String, Object> sealed = source.env().isEmpty()
                ? Map.of("headers", source.headers())
                : Map.of("headers", source.headers(), "env", source.env());
        return secrets.seal(json.writeValueAsString(sealed), context(source.id()));
    }

    private static Map<String, Object> toJson(ToolSpec spec) {
        return Map.of("name", spec.name(), "description", spec.description(), "parameters", spec.parametersSchema());
    }

    private static ToolSpec fromJson(JsonNode node) {
        return new ToolSpec(
                node.path("name").asString(),
                node.path("description").asString(""),
                node.path("parameters").asString(null));
    }

    private static String context(UUID id) {
        return "tool_sources.credentials:" + id;
    }
}
