package io.parley.conversation;

import io.parley.conversation.internal.SessionRepository;
import io.parley.delivery.OutboundRetention;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ages message content for privacy (an organization's retention setting, swept by the retention module), one
 * bounded batch per call so a large backlog never holds one long transaction. Anonymizing keeps what operations
 * and billing need — ids, timestamps, roles, the turn link, delivery status rows and usage records — and drops what
 * the contact said or was sent: the text becomes {@link #MARKER}, structured and media details are cleared, and the
 * outbound payload of each message is anonymized in the same transaction ({@link OutboundRetention}).
 */
@Service
public class MessageContentRetention {
    public static final String MARKER = "[content removed by retention policy]";
    private final JdbcClient jdbc;
    private final OutboundRetention outbound;
    private final SessionRepository sessions;

    MessageContentRetention(JdbcClient jdbc, OutboundRetention outbound, SessionRepository sessions) {
        this.jdbc = jdbc;
        this.outbound = outbound;
        this.sessions = sessions;
    }

    /** Anonymizes up to {@code batch} of the organization's messages created before {@code cutoff}; returns how many. */
    @Transactional
    public int anonymizeBefore(OrganizationId organizationId, Instant cutoff, int batch) {
        List<MessageId> anonymized = jdbc.sql("""
                        update messages set content = :marker, details = null
                        where id in (select id from messages
                                     where organization_id = :org and created_at < :cutoff
                                       and (content <> :marker or details is not null)
                                     limit :batch for update skip locked)
                        returning id""")
                .param("marker", MARKER)
                .param("org", organizationId.value())
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .query((rs, n) -> new MessageId(rs.getObject("id", UUID.class)))
                .list();
        outbound.anonymize(organizationId, anonymized);
        return anonymized.size();
    }

    /**
     * Deletes up to {@code batch} of the organization's messages created before {@code cutoff}, and the sessions
     * before it that this left empty; returns how many messages.
     */
    @Transactional
    public int deleteBefore(OrganizationId organizationId, Instant cutoff, int batch) {
        int deleted = jdbc.sql("""
                        delete from messages
                        where id in (select id from messages where organization_id = :org and created_at < :cutoff
                                     limit :batch for update skip locked)""")
                .param("org", organizationId.value())
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
        sessions.deleteEmptyBefore(organizationId, cutoff, batch);
        return deleted;
    }
}
