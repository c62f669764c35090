package io.parley.retention.internal;

import io.parley.platform.OrganizationId;
import io.parley.retention.MessageRetention;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MessageRetentionRepository {
    public record Policy(OrganizationId organizationId, int days, String mode) {}

    private final JdbcClient jdbc;

    MessageRetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MessageRetention find(OrganizationId id) {
        return jdbc.sql("select message_content_days, mode from message_retention where organization_id = :org")
                .param("org", id.value())
                .query((rs, n) -> new MessageRetention((Integer) rs.getObject(1), rs.getString(2)))
                .optional()
                .orElse(MessageRetention.KEEP);
    }

    public void put(OrganizationId id, MessageRetention retention) {
        jdbc.sql("""
                        insert into message_retention (organization_id, message_content_days, mode)
                        values (:org, :days, :mode)
                        on conflict (organization_id) do update set message_content_days = excluded.message_content_days,
                          mode = excluded.mode, updated_at = now()""")
                .param("org", id.value())
                .param("days", retention.messageContentDays(), java.sql.Types.INTEGER)
                .param("mode", retention.mode())
                .update();
    }

    /** Every organization that limits how long message content is kept. */
    public List<Policy> policies() {
        return jdbc.sql("""
                        select organization_id, message_content_days, mode from message_retention
                        where message_content_days is not null order by organization_id""")
                .query((rs, n) ->
                        new Policy(new OrganizationId(rs.getObject(1, UUID.class)), rs.getInt(2), rs.getString(3)))
                .list();
    }
}
