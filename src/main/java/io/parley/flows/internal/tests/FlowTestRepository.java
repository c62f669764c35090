package io.parley.flows.internal.tests;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code flow_tests}: every statement names the organization and the chatbot. */
@Repository
class FlowTestRepository {
    private static final String SUMMARY =
            "name, golden ->> 'flow' as flow, jsonb_array_length(golden -> 'turns') as turns,"
                    + " created_at, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    FlowTestRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored test as listed. */
    record FlowTestSummary(String name, String flow, int turns, Instant createdAt, Instant updatedAt) {}

    /** A stored test with its document as sent. */
    record Stored(FlowTestSummary summary, String source) {}

    /** Serializes saves of one chatbot's tests until the transaction ends (the count limit holds under races). */
    void lock(ChatbotId chatbot) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:lock, 0))")
                .param("lock", "flow_tests:" + chatbot.value())
                .query(Object.class)
                .single();
    }

    int count(OrganizationId organization, ChatbotId chatbot) {
        return jdbc.sql("select count(*) from flow_tests where organization_id = :org and chatbot_id = :bot")
                .param("org", organization.value())
                .param("bot", chatbot.value())
                .query(Integer.class)
                .single();
    }

    /** Inserts or replaces the test {@code name}; true when it was inserted. */
    boolean upsert(OrganizationId organization, ChatbotId chatbot, String name, GoldenDocument document) {
        return jdbc.sql("""
                        insert into flow_tests (id, organization_id, chatbot_id, name, source, golden, created_at,
                                                updated_at)
                        values (:id, :org, :bot, :name, :source, cast(:golden as jsonb), :now, :now)
                        on conflict (chatbot_id, name) do update
                            set source = excluded.source, golden = excluded.golden, updated_at = excluded.updated_at
                        returning (xmax = 0) as inserted""")
                .param("id", UUID.randomUUID())
                .param("org", organization.value())
                .param("bot", chatbot.value())
                .param("name", name)
                .param("source", document.source())
                .param("golden", document.json())
                .param("now", Timestamp.from(clock.instant()))
                .query(Boolean.class)
                .single();
    }

    Optional<Stored> find(OrganizationId organization, ChatbotId chatbot, String name) {
        return jdbc.sql("select " + SUMMARY + ", source from flow_tests"
                        + " where organization_id = :org and chatbot_id = :bot and name = :name")
                .param("org", organization.value())
                .param("bot", chatbot.value())
                .param("name", name)
                .query((rs, row) -> new Stored(summary(rs, row), rs.getString("source")))
                .optional();
    }

    List<FlowTestSummary> list(OrganizationId organization, ChatbotId chatbot) {
        return jdbc.sql("select " + SUMMARY + " from flow_tests where organization_id = :org and chatbot_id = :bot"
                        + " order by name")
                .param("org", organization.value())
                .param("bot", chatbot.value())
                .query(FlowTestRepository::summary)
                .list();
    }

    boolean delete(OrganizationId organization, ChatbotId chatbot, String name) {
        return jdbc.sql("delete from flow_tests where organization_id = :org and chatbot_id = :bot and name = :name")
                        .param("org", organization.value())
                        .param("bot", chatbot.value())
                        .param("name", name)
                        .update()
                > 0;
    }

    private static FlowTestSummary summary(ResultSet rs, int row) throws SQLException {
        return new FlowTestSummary(
                rs.getString("name"),
                rs.getString("flow"),
                rs.getInt("turns"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
