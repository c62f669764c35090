package io.parley.outreach.internal;

import io.parley.delivery.OutboundContent;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class CampaignRepository {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    CampaignRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @param content a text (column {@code text}) or an approved template (column {@code template}, jsonb) */
    public record CampaignRow(
            UUID id,
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ChannelAccountId channelAccountId,
            String name,
            String tag,
            OutboundContent content,
            String status,
            int total,
            int queued,
            int skipped,
            ContactId cursor,
            int batches,
            Instant createdAt,
            Instant completedAt) {}

    public void insert(CampaignRow c) {
        jdbc.sql("""
                        insert into campaigns (id, organization_id, chatbot_id, channel_account_id, name, tag, text,
                                               template, total, created_at)
                        values (:id, :org, :bot, :account, :name, :tag, :text, cast(:template as jsonb), :total, :at)""")
                .param("id", c.id())
                .param("org", c.organizationId().value())
                .param("bot", c.chatbotId().value())
                .param("account", c.channelAccountId().value())
                .param("name", c.name())
                .param("tag", c.tag())
                .param("text", c.content() instanceof OutboundContent.Text text ? text.text() : null)
                .param(
                        "template",
                        c.content() instanceof OutboundContent.Template template
                                ? json.writeValueAsString(template)
                                : null)
                .param("total", c.total())
                .param("at", Timestamp.from(c.createdAt()))
                .update();
    }

    public Optional<CampaignRow> find(ChatbotId chatbot, UUID id) {
        return jdbc.sql("select * from campaigns where id = :id and chatbot_id = :bot")
                .param("id", id)
                .param("bot", chatbot.value())
                .query(this::map)
                .optional();
    }

    /** Locks the campaign row until the batch's transaction ends: one batch of a campaign at a time. */
    public Optional<CampaignRow> lock(UUID id) {
        return jdbc.sql("select * from campaigns where id = :id for update")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    public void addMessage(UUID campaign, ContactId contact, MessageId message) {
        jdbc.sql("""
                        insert into campaign_messages (campaign_id, contact_id, message_id) values (:c, :contact, :m)
                        on conflict do nothing""")
                .param("c", campaign)
                .param("contact", contact.value())
                .param("m", message.value())
                .update();
    }

    public void advance(UUID id, ContactId cursor, int queued, int skipped, Instant completedAt) {
        jdbc.sql("""
                        update campaigns set cursor = coalesce(:cursor, cursor), queued = queued + :queued,
                            skipped = skipped + :skipped, batches = batches + 1,
                            status = case when cast(:done as timestamptz) is null then status else 'completed' end,
                            completed_at = :done
                        where id = :id""")
                .param("id", id)
                .param("cursor", cursor == null ? null : cursor.value())
                .param("queued", queued)
                .param("skipped", skipped)
                .param("done", completedAt == null ? null : Timestamp.from(completedAt))
                .update();
    }

    public List<MessageId> messages(UUID campaign) {
        return jdbc.sql("select message_id from campaign_messages where campaign_id = :c")
                .param("c", campaign)
                .query((rs, row) -> new MessageId(rs.getObject(1, UUID.class)))
                .list();
    }

    private CampaignRow map(ResultSet rs, int row) throws SQLException {
        UUID cursor = rs.getObject("cursor", UUID.class);
        Timestamp completed = rs.getTimestamp("completed_at");
        return new CampaignRow(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new ChatbotId(rs.getObject("chatbot_id", UUID.class)),
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                rs.getString("name"),
                rs.getString("tag"),
                content(rs),
                rs.getString("status"),
                rs.getInt("total"),
                rs.getInt("queued"),
                rs.getInt("skipped"),
                cursor == null ? null : new ContactId(cursor),
                rs.getInt("batches"),
                rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }

    private OutboundContent content(ResultSet rs) throws SQLException {
        String template = rs.getString("template");
        return template == null
                ? new OutboundContent.Text(rs.getString("text"))
                : json.readValue(template, OutboundContent.Template.class);
    }
}
