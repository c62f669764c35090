package io.parley.tenancy.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.tenancy.ChatbotEngine;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code engine} and {@code flow_key} columns of chatbots; a change is announced like any chatbot write (ADR 50). */
@Repository
public class ChatbotEngineRepository {
    private final JdbcClient jdbc;
    private final ChangeNotices notices;

    ChatbotEngineRepository(JdbcClient jdbc, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    public Optional<ChatbotEngine> find(ChatbotId id) {
        return jdbc.sql("select engine, flow_key from chatbots where id = :id")
                .param("id", id.value())
                .query((rs, row) -> new ChatbotEngine(
                        ChatbotEngine.Kind.fromWire(rs.getString("engine")), rs.getString("flow_key")))
                .optional();
    }

    public void update(ChatbotId id, ChatbotEngine engine) {
        jdbc.sql("update chatbots set engine = :engine, flow_key = :flowKey, updated_at = now() where id = :id")
                .param("engine", engine.kind().wire())
                .param("flowKey", engine.flowKey())
                .param("id", id.value())
                .update();
        notices.announce(ChatbotRepository.TOPIC, id);
    }
}
