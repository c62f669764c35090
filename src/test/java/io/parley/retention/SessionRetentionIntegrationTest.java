package io.parley.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sessions go with their messages (ADR 32): deleting old messages deletes the sessions it left empty. */
class SessionRetentionIntegrationTest extends IntegrationTestSupport {
    @Autowired
    RetentionSweep sweep;

    @Test
    void should_delete_the_sessions_whose_messages_the_delete_mode_removed_and_keep_the_rest() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("hello");
        chat.awaitReceived(1);
        UUID org = UUID.fromString(bot.organizationId());
        UUID conversation = UUID.fromString(chat.conversationId());
        Instant now = time.now();
        UUID aged = session(org, bot, conversation, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(35)));
        message(org, conversation, aged, now.minus(Duration.ofDays(35)));
        UUID partly = session(org, bot, conversation, now.minus(Duration.ofDays(33)), now.minus(Duration.ofDays(20)));
        message(org, conversation, partly, now.minus(Duration.ofDays(33)));
        UUID kept = message(org, conversation, partly, now.minus(Duration.ofDays(20)));
        UUID current = jdbc.sql("select session_id from messages where conversation_id = :c and session_id not in "
                        + "(:aged, :partly) limit 1")
                .param("c", conversation)
                .param("aged", aged)
                .param("partly", partly)
                .query(UUID.class)
                .single();
        api.put("/api/v1/organizations/" + org + "/retention", "{\"messageContentDays\": 30, \"mode\": \"delete\"}");

        sweep.sweep();

        assertThat(jdbc.sql("select id from sessions where conversation_id = :c")
                        .param("c", conversation)
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrder(partly, current);
        assertThat(jdbc.sql("select id from messages where session_id = :s")
                        .param("s", partly)
                        .query(UUID.class)
                        .list())
                .containsExactly(kept);
        assertThat(api.get("/api/v1/conversations/" + conversation + "/sessions")
                        .json())
                .hasSize(2);
    }

    private UUID session(UUID org, Tenants.WhatsAppBot bot, UUID conversation, Instant started, Instant last) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into sessions (id, organization_id, conversation_id, contact_id, chatbot_id, started_at,
                            last_message_at, ended_at, end_reason)
                        select :id, :org, :conversation, contact_id, :bot, :started, :last, :last, 'timeout'
                        from conversations where id = :conversation""")
                .param("id", id)
                .param("org", org)
                .param("conversation", conversation)
                .param("bot", UUID.fromString(bot.chatbotId()))
                .param("started", Timestamp.from(started))
                .param("last", Timestamp.from(last))
                .update();
        return id;
    }

    private UUID message(UUID org, UUID conversation, UUID session, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, content, session_id,
                            created_at) values (:id, :org, :conversation, 'user', 'old', :session, :at)""")
                .param("id", id)
                .param("org", org)
                .param("conversation", conversation)
                .param("session", session)
                .param("at", Timestamp.from(at))
                .update();
        return id;
    }
}
