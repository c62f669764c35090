package io.parley.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RetentionSweepIntegrationTest extends IntegrationTestSupport {
    @Autowired
    RetentionSweep sweep;

    @Test
    void should_delete_only_rows_past_their_retention() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        UUID org = UUID.fromString(bot.organizationId());
        UUID channel = UUID.fromString(bot.channelId());
        Instant now = time.now();
        inboundEvent(channel, org, "old-" + UUID.randomUUID(), now.minus(Duration.ofDays(8)));
        inboundEvent(channel, org, "recent-" + UUID.randomUUID(), now.minus(Duration.ofDays(6)));
        systemEvent(org, "retention.old", now.minus(Duration.ofDays(91)));
        systemEvent(org, "retention.recent", now.minus(Duration.ofDays(89)));

        RetentionSweep.Result result = sweep.sweep();

        assertThat(result.inboundEvents()).isGreaterThanOrEqualTo(1);
        assertThat(result.systemEvents()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select provider_event_id from inbound_events where channel_account_id = :c")
                        .param("c", channel)
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .startsWith("recent-");
        assertThat(jdbc.sql("select type from system_events where organization_id = :o")
                        .param("o", org)
                        .query(String.class)
                        .list())
                .containsExactly("retention.recent");
    }

    @Test
    void should_end_the_idempotency_window_of_keys_used_more_than_a_day_ago() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        io.parley.testing.Api.Response chat = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor-keys\", \"text\": \"Hello\"}");
        String messages = "/api/v1/conversations/" + chat.text("conversationId") + "/messages";
        String old = api.post(messages, "{\"text\": \"Old\"}", "Idempotency-Key", "old-key")
                .text("id");
        String recent = api.post(messages, "{\"text\": \"Recent\"}", "Idempotency-Key", "recent-key")
                .text("id");
        jdbc.sql("update outbound_messages set created_at = now() - interval '25 hours' where message_id = :id")
                .param("id", UUID.fromString(old))
                .update();

        RetentionSweep.Result result = sweep.sweep();

        assertThat(result.idempotencyRecords()).isGreaterThanOrEqualTo(1);
        assertThat(api.post(messages, "{\"text\": \"Recent\"}", "Idempotency-Key", "recent-key")
                        .text("id"))
                .isEqualTo(recent);
        String reused = api.post(messages, "{\"text\": \"Old\"}", "Idempotency-Key", "old-key")
                .text("id");
        assertThat(reused).isNotEqualTo(old);
        assertThat(jdbc.sql("select count(*) from messages where id = :id")
                        .param("id", UUID.fromString(old))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void should_anonymize_only_messages_past_the_organizations_content_retention_and_change_nothing_on_a_rerun() {
        Chat a = chat();
        Chat b = chat();
        String base = "/api/v1/organizations/" + a.org();
        assertThat(api.get(base + "/retention")
                        .json()
                        .path("messageContentDays")
                        .isNumber())
                .isFalse();
        var put = api.put(base + "/retention", "{\"messageContentDays\": 30, \"mode\": \"anonymize\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(api.get(base + "/retention")
                        .json()
                        .path("messageContentDays")
                        .asInt())
                .isEqualTo(30);
        assertThat(api.put(base + "/retention", "{\"messageContentDays\": 0}").status())
                .isEqualTo(400);
        assertThat(api.put(base + "/retention", "{\"messageContentDays\": 5, \"mode\": \"shred\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/organizations/" + UUID.randomUUID() + "/retention")
                        .status())
                .isEqualTo(404);
        Instant now = time.now();
        UUID old = message(a, "my card is 4111", "{\"media\": {\"id\": \"m1\"}}", now.minus(Duration.ofDays(31)));
        UUID recent = message(a, "still fresh", null, now.minus(Duration.ofDays(29)));
        UUID otherOrg = message(b, "other tenant", null, now.minus(Duration.ofDays(60)));
        long oldTool = toolExecution(a, now.minus(Duration.ofDays(31)));
        long recentTool = toolExecution(a, now.minus(Duration.ofDays(29)));

        RetentionSweep.Result first = sweep.sweep();

        assertThat(first.messages()).isGreaterThanOrEqualTo(1);
        assertThat(first.toolExecutions()).isGreaterThanOrEqualTo(1);
        assertThat(content(old)).isEqualTo(io.parley.conversation.MessageContentRetention.MARKER);
        assertThat(jdbc.sql("select details is null and role = 'user' and created_at < now() - interval '30 days' "
                                + "from messages where id = :id")
                        .param("id", old)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(content(recent)).isEqualTo("still fresh");
        assertThat(content(otherOrg)).isEqualTo("other tenant");
        assertThat(arguments(oldTool)).isEqualTo("{}");
        assertThat(arguments(recentTool)).contains("4111");

        assertThat(rowsChangedBy(a)).isZero();
        var before = snapshot(a);
        sweep.sweep();
        assertThat(snapshot(a)).isEqualTo(before);
    }

    @Test
    void should_delete_old_messages_when_the_mode_is_delete() {
        Chat a = chat();
        api.put(
                "/api/v1/organizations/" + a.org() + "/retention",
                "{\"messageContentDays\": 30, \"mode\": \"delete\"}");
        Instant now = time.now();
        UUID old = message(a, "old", null, now.minus(Duration.ofDays(31)));
        UUID recent = message(a, "recent", null, now.minus(Duration.ofDays(29)));

        sweep.sweep();

        assertThat(jdbc.sql("select id from messages where id in (:ids)")
                        .param("ids", java.util.List.of(old, recent))
                        .query(UUID.class)
                        .list())
                .containsExactly(recent);
    }

    private record Chat(UUID org, UUID bot, UUID conversation) {}

    /** A real conversation (one exchange with an offline bot) to put aged messages in. */
    private Chat chat() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        io.parley.testing.WhatsAppChat chat = io.parley.testing.WhatsAppChat.start(api, bot);
        chat.says("hello");
        // The bot's answer is written by a turn; wait for it, or it could land between a test's two snapshots.
        chat.awaitReceived(1);
        return new Chat(
                UUID.fromString(bot.organizationId()),
                UUID.fromString(bot.chatbotId()),
                UUID.fromString(chat.conversationId()));
    }

    private UUID message(Chat chat, String content, String details, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, content, details, created_at)
                        values (:id, :org, :conv, 'user', :content, cast(:details as jsonb), :at)""")
                .param("id", id)
                .param("org", chat.org())
                .param("conv", chat.conversation())
                .param("content", content)
                .param("details", details, java.sql.Types.VARCHAR)
                .param("at", Timestamp.from(at))
                .update();
        return id;
    }

    private long toolExecution(Chat chat, Instant at) {
        return jdbc.sql("""
                        insert into tool_executions (organization_id, chatbot_id, conversation_id, tool, arguments,
                            status, result, duration_ms, round, created_at)
                        values (:org, :bot, :conv, 'lookup', '{"card": "4111"}', 'success', '{"ok": true}', 5, 1, :at)
                        returning id""")
                .param("org", chat.org())
                .param("bot", chat.bot())
                .param("conv", chat.conversation())
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    private String content(UUID id) {
        return jdbc.sql("select content from messages where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private String arguments(long id) {
        return jdbc.sql("select arguments::text from tool_executions where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private java.util.List<String> snapshot(Chat chat) {
        return jdbc.sql("""
                        select id || '|' || content || '|' || coalesce(details::text, '') || '|' || created_at
                        from messages where organization_id = :org order by id""").param("org", chat.org()).query(String.class).list();
    }

    /** What a sweep would still change in the organization (anonymized rows no longer match). */
    private int rowsChangedBy(Chat chat) {
        return jdbc.sql("""
                        select count(*) from messages where organization_id = :org
                          and created_at < now() - interval '30 days'
                          and (content <> :marker or details is not null)""")
                .param("org", chat.org())
                .param("marker", io.parley.conversation.MessageContentRetention.MARKER)
                .query(Integer.class)
                .single();
    }

    private void inboundEvent(UUID channel, UUID org, String providerId, Instant at) {
        jdbc.sql("""
                        insert into inbound_events (channel_account_id, provider_event_id, organization_id, received_at)
                        values (:c, :p, :o, :at)""")
                .param("c", channel)
                .param("p", providerId)
                .param("o", org)
                .param("at", Timestamp.from(at))
                .update();
    }

    private void systemEvent(UUID org, String type, Instant at) {
        jdbc.sql("insert into system_events (level, type, organization_id, occurred_at) values ('warn', :t, :o, :at)")
                .param("t", type)
                .param("o", org)
                .param("at", Timestamp.from(at))
                .update();
    }
}
