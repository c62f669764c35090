package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.TestDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sessions migration (V25, ADR 32) on data written before it: each conversation's messages become one open
 * session, and its turns and usage records are linked to it. Plain Flyway on a database of its own, no Spring.
 */
class SessionMigrationTest {
    private static final Instant FIRST = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant LAST = Instant.parse("2026-11-20T17:30:00Z");

    private final DriverManagerDataSource database = new DriverManagerDataSource(TestDatabases.fresh());
    private final JdbcClient jdbc = JdbcClient.create(database);

    @Test
    void should_put_each_conversations_messages_turns_and_usage_in_one_open_session() {
        migrateTo("22");
        UUID org = insert("insert into organizations (id, name) values (:id, 'Before sessions')", null);
        UUID bot = insert("""
                insert into chatbots (id, organization_id, name, system_prompt, fallback_error, fallback_limit,
                    fallback_unknown) values (:id, :org, 'Support', 'Help.', 'e', 'l', 'u')""", org);
        UUID account = jdbc.sql("""
                        insert into channel_accounts (id, organization_id, chatbot_id, type, external_id)
                        values (:id, :org, :bot, 'webchat', :external) returning id""")
                .param("id", UUID.randomUUID())
                .param("org", org)
                .param("bot", bot)
                .param("external", "webchat:" + bot)
                .query(UUID.class)
                .single();
        UUID talked = conversation(org, bot, account);
        UUID silent = conversation(org, bot, account);
        UUID turn = UUID.randomUUID();
        jdbc.sql("""
                        insert into turns (id, organization_id, conversation_id, outcome, started_at)
                        values (:id, :org, :conversation, 'answered', :at)""")
                .param("id", turn)
                .param("org", org)
                .param("conversation", talked)
                .param("at", Timestamp.from(FIRST))
                .update();
        for (Instant at : List.of(FIRST, FIRST.plusSeconds(5), LAST)) {
            jdbc.sql("""
                            insert into messages (id, organization_id, conversation_id, role, content, created_at)
                            values (:id, :org, :conversation, 'user', 'hello', :at)""")
                    .param("id", UUID.randomUUID())
                    .param("org", org)
                    .param("conversation", talked)
                    .param("at", Timestamp.from(at))
                    .update();
        }
        jdbc.sql("""
                        insert into usage_records (organization_id, chatbot_id, conversation_id, turn_id, provider,
                            tokens_in, tokens_out) values (:org, :bot, :conversation, :turn, 'openai', 42, 7)""")
                .param("org", org)
                .param("bot", bot)
                .param("conversation", talked)
                .param("turn", turn)
                .update();

        migrateTo("latest");

        List<Session> sessions = jdbc.sql("select * from sessions where organization_id = :org")
                .param("org", org)
                .query((rs, row) -> new Session(
                        rs.getObject("id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("last_message_at").toInstant(),
                        rs.getTimestamp("ended_at")))
                .list();
        assertThat(sessions).hasSize(1);
        Session session = sessions.getFirst();
        assertThat(session.conversationId()).isEqualTo(talked).isNotEqualTo(silent);
        assertThat(session.startedAt()).isEqualTo(FIRST);
        assertThat(session.lastMessageAt()).isEqualTo(LAST);
        assertThat(session.endedAt()).isNull();
        assertThat(jdbc.sql("select distinct session_id from messages where conversation_id = :c")
                        .param("c", talked)
                        .query(UUID.class)
                        .list())
                .containsExactly(session.id());
        assertThat(jdbc.sql("select session_id from turns where id = :id")
                        .param("id", turn)
                        .query(UUID.class)
                        .single())
                .isEqualTo(session.id());
        assertThat(jdbc.sql("select session_id from usage_records where turn_id = :id")
                        .param("id", turn)
                        .query(UUID.class)
                        .single())
                .isEqualTo(session.id());
    }

    private record Session(UUID id, UUID conversationId, Instant startedAt, Instant lastMessageAt, Timestamp endedAt) {}

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    private UUID insert(String sql, UUID org) {
        UUID id = UUID.randomUUID();
        var statement = jdbc.sql(sql).param("id", id);
        if (org != null) {
            statement = statement.param("org", org);
        }
        statement.update();
        return id;
    }

    private UUID conversation(UUID org, UUID bot, UUID account) {
        UUID contact = UUID.randomUUID();
        jdbc.sql("insert into contacts (id, organization_id, chatbot_id) values (:id, :org, :bot)")
                .param("id", contact)
                .param("org", org)
                .param("bot", bot)
                .update();
        UUID conversation = UUID.randomUUID();
        jdbc.sql("""
                        insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id,
                            channel) values (:id, :org, :bot, :contact, :account, 'webchat')""")
                .param("id", conversation)
                .param("org", org)
                .param("bot", bot)
                .param("contact", contact)
                .param("account", account)
                .update();
        return conversation;
    }
}
