package io.parley.flows.internal.runtime;

import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowReading;
import io.parley.platform.ChatbotId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flow versions as the engine runs them, read once per version: a version that left draft never changes (a trigger
 * refuses it), so the model of a definition id can be kept for the life of the node.
 */
@Component
class FlowModels {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Map<UUID, Flow> models = new ConcurrentHashMap<>();

    FlowModels(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The published version of {@code key} for the chatbot: its id (what a new conversation pins). */
    Optional<UUID> published(ChatbotId chatbot, String key) {
        return jdbc.sql("""
                        select id from flow_definitions
                        where chatbot_id = :bot and key = :key and status = 'published'""")
                .param("bot", chatbot.value())
                .param("key", key)
                .query(UUID.class)
                .optional();
    }

    Flow model(UUID definitionId) {
        return models.computeIfAbsent(definitionId, this::read);
    }

    /** The key and version of a definition, for operators' views. */
    record Version(String key, int version) {}

    Version version(UUID definitionId) {
        return jdbc.sql("select key, version from flow_definitions where id = :id")
                .param("id", definitionId)
                .query((rs, n) -> new Version(rs.getString("key"), rs.getInt("version")))
                .single();
    }

    private Flow read(UUID definitionId) {
        record Row(String key, String definition) {}
        Row row = jdbc.sql("select key, definition::text as definition from flow_definitions where id = :id")
                .param("id", definitionId)
                .query((rs, n) -> new Row(rs.getString("key"), rs.getString("definition")))
                .single();
        return switch (FlowReading.read(json.readTree(row.definition()), row.key())) {
            case FlowReading.Valid valid -> valid.flow();
            case FlowReading.Invalid invalid ->
                throw new IllegalStateException(
                        "Stored flow " + definitionId + " no longer reads: " + invalid.problems());
        };
    }
}
