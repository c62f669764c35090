package io.parley.media.internal;

import io.parley.media.InboundMedia;
import io.parley.media.MediaObjectId;
import io.parley.media.MediaStatus;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MediaRepository {
    private static final String COLUMNS = """
            id, organization_id, channel_account_id, channel, conversation_id, message_id, provider_media_id, kind,
            mime_type, declared_sha256, size_bytes, status, storage_path, error_code, error_detail, attempts,
            created_at""";
    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns false when the channel account already has this provider media id (a redelivered webhook). */
    public boolean insert(MediaObjectId id, InboundMedia media, Instant now) {
        return jdbc.sql("""
                        insert into media_objects (id, organization_id, channel_account_id, channel, conversation_id,
                            message_id, provider_media_id, kind, mime_type, declared_sha256, created_at, updated_at)
                        values (:id, :org, :account, :channel, :conversation, :message, :providerId, :kind, :mime,
                            :sha256, :now, :now)
                        on conflict (channel_account_id, provider_media_id) do nothing""")
                        .param("id", id.value())
                        .param("org", media.organizationId().value())
                        .param("account", media.channelAccountId().value())
                        .param("channel", media.channel().wireName())
                        .param("conversation", media.conversationId().value())
                        .param("message", media.messageId().value())
                        .param("providerId", media.providerMediaId())
                        .param("kind", media.kind())
                        .param("mime", media.mimeType())
                        .param("sha256", media.sha256())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** A row that is settled at once as skipped: no download job will look at it. */
    public boolean insertSkipped(MediaObjectId id, InboundMedia media, String reason, Instant now) {
        return jdbc.sql("""
                        insert into media_objects (id, organization_id, channel_account_id, channel, conversation_id,
                            message_id, provider_media_id, kind, mime_type, declared_sha256, status, error_code,
                            created_at, updated_at)
                        values (:id, :org, :account, :channel, :conversation, :message, :providerId, :kind, :mime,
                            :sha256, 'skipped', :reason, :now, :now)
                        on conflict (channel_account_id, provider_media_id) do nothing""")
                        .param("id", id.value())
                        .param("org", media.organizationId().value())
                        .param("account", media.channelAccountId().value())
                        .param("channel", media.channel().wireName())
                        .param("conversation", media.conversationId().value())
                        .param("message", media.messageId().value())
                        .param("providerId", media.providerMediaId())
                        .param("kind", media.kind())
                        .param("mime", media.mimeType())
                        .param("sha256", media.sha256())
                        .param("reason", reason)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public Optional<MediaRow> find(MediaObjectId id) {
        return jdbc.sql("select " + COLUMNS + " from media_objects where id = :id")
                .param("id", id.value())
                .query(MediaRepository::row)
                .optional();
    }

    /** Only within the conversation: another conversation's (or tenant's) media is simply not there. */
    public Optional<MediaRow> find(ConversationId conversationId, MediaObjectId id) {
        return jdbc.sql("select " + COLUMNS + " from media_objects where id = :id and conversation_id = :conversation")
                .param("id", id.value())
                .param("conversation", conversationId.value())
                .query(MediaRepository::row)
                .optional();
    }

    public List<MediaRow> forMessages(Collection<MessageId> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from media_objects where message_id in (:ids)")
                .param("ids", messageIds.stream().map(MessageId::value).toList())
                .query(MediaRepository::row)
                .list();
    }

    /** Counts an attempt before it starts, so a node that dies mid-download still uses one up. */
    public int startAttempt(MediaObjectId id, Instant now) {
        return jdbc.sql("""
                        update media_objects set attempts = attempts + 1, updated_at = :now
                        where id = :id and status = 'pending' returning attempts""")
                .param("id", id.value())
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    public boolean markStored(MediaObjectId id, String storagePath, String mimeType, long size, Instant now) {
        return jdbc.sql("""
                        update media_objects set status = 'stored', storage_path = :path,
                            mime_type = coalesce(mime_type, :mime), size_bytes = :size, error_code = null,
                            error_detail = null, stored_at = :now, updated_at = :now
                        where id = :id and status = 'pending'""")
                        .param("id", id.value())
                        .param("path", storagePath)
                        .param("mime", mimeType)
                        .param("size", size)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The bytes of the organization's stored media. */
    public long storedBytes(OrganizationId organizationId) {
        return jdbc.sql("""
                        select coalesce(sum(size_bytes), 0) from media_objects
                        where organization_id = :org and status = 'stored'""")
                .param("org", organizationId.value())
                .query(Long.class)
                .single();
    }

    /**
     * Serializes the quota decisions of one organization's downloads until the caller's transaction ends, so two
     * downloads finishing together cannot both fit into the same remaining space.
     */
    public void lockQuota(OrganizationId organizationId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('media-quota:' || cast(:org as text), 0))")
                .param("org", organizationId.value())
                .query()
                .singleRow();
    }

    public boolean markSkipped(MediaObjectId id, String reason, Instant now) {
        return jdbc.sql("""
                        update media_objects set status = 'skipped', error_code = :reason, error_detail = null,
                            updated_at = :now
                        where id = :id and status = 'pending'""")
                        .param("id", id.value())
                        .param("reason", reason)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Remembers the last transient error while the object stays pending. */
    public void noteError(MediaObjectId id, String code, String detail, Instant now) {
        jdbc.sql("""
                        update media_objects set error_code = :code, error_detail = :detail, updated_at = :now
                        where id = :id and status = 'pending'""")
                .param("id", id.value())
                .param("code", code)
                .param("detail", detail)
                .param("now", Timestamp.from(now))
                .update();
    }

    public boolean markFailed(MediaObjectId id, String code, String detail, Instant now) {
        return jdbc.sql("""
                        update media_objects set status = 'failed', error_code = :code, error_detail = :detail,
                            updated_at = :now
                        where id = :id and status = 'pending'""")
                        .param("id", id.value())
                        .param("code", code)
                        .param("detail", detail)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The organization's media created before {@code cutoff} (all of it when null), oldest first. */
    public List<MediaRow> listForDeletion(OrganizationId organizationId, Instant cutoff, int limit) {
        return jdbc.sql("select " + COLUMNS + " from media_objects where organization_id = :org"
                        + " and (cast(:cutoff as timestamptz) is null or created_at < :cutoff)"
                        + " order by created_at limit :limit")
                .param("org", organizationId.value())
                .param("cutoff", cutoff == null ? null : Timestamp.from(cutoff))
                .param("limit", limit)
                .query(MediaRepository::row)
                .list();
    }

    /** Media of conversations on these channel accounts of the organization, oldest first. */
    public List<MediaRow> listForChannels(
            OrganizationId organizationId, Collection<ChannelAccountId> accounts, int limit) {
        return jdbc.sql("select " + COLUMNS + " from media_objects where organization_id = :org"
                        + " and channel_account_id = any(:accounts) order by created_at limit :limit")
                .param("org", organizationId.value())
                .param(
                        "accounts",
                        accounts.stream().map(ChannelAccountId::value).toArray(UUID[]::new))
                .param("limit", limit)
                .query(MediaRepository::row)
                .list();
    }

    public int delete(OrganizationId organizationId, Collection<MediaObjectId> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from media_objects where organization_id = :org and id in (:ids)")
                .param("org", organizationId.value())
                .param("ids", ids.stream().map(MediaObjectId::value).toList())
                .update();
    }

    private static MediaRow row(ResultSet rs, int rowNum) throws SQLException {
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        return new MediaRow(
                new MediaObjectId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                ChannelType.fromWire(rs.getString("channel")),
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                new MessageId(rs.getObject("message_id", UUID.class)),
                rs.getString("provider_media_id"),
                rs.getString("kind"),
                rs.getString("mime_type"),
                rs.getString("declared_sha256"),
                sizeBytes,
                MediaStatus.fromWire(rs.getString("status")),
                rs.getString("storage_path"),
                rs.getString("error_code"),
                rs.getString("error_detail"),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant());
    }
}
