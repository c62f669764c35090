package io.parley.usage.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.usage.ContactUsage;
import io.parley.usage.DailyUsage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ledger sums for {@link io.parley.usage.UsageBreakdown}; every query is scoped by the organization and bounded by
 * {@code created_at}, so it reads through {@code usage_records_organization_idx (organization_id, created_at)}.
 */
@Repository
public class UsageBreakdownRepository {
    private final JdbcClient jdbc;

    UsageBreakdownRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<DailyUsage> daily(OrganizationId org, Instant from, Instant to) {
        return jdbc.sql("""
                        select (created_at at time zone 'UTC')::date as day, chatbot_id,
                          provider || '/' || coalesce(model, '') as model, coalesce(sum(messages), 0),
                          coalesce(sum(tokens_in), 0), coalesce(sum(tokens_out), 0), coalesce(sum(cost), 0),
                          count(*) filter (where cost is null)
                        from usage_records
                        where organization_id = :org and created_at >= :from and created_at < :to
                        group by 1, 2, 3 order by 1, 2, 3""")
                .param("org", org.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new DailyUsage(
                        rs.getObject(1, java.time.LocalDate.class),
                        new ChatbotId(rs.getObject(2, UUID.class)),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getBigDecimal(7),
                        rs.getLong(8)))
                .list();
    }

    public List<ContactUsage> topContacts(OrganizationId org, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        select contact_id, coalesce(sum(messages), 0), coalesce(sum(tokens_in + tokens_out), 0),
                          coalesce(sum(cost), 0)
                        from usage_records
                        where organization_id = :org and created_at >= :from and created_at < :to
                          and contact_id is not null
                        group by contact_id order by 2 desc, 3 desc, 1 limit :limit""")
                .param("org", org.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("limit", limit)
                .query((rs, row) -> new ContactUsage(
                        new ContactId(rs.getObject(1, UUID.class)), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4)))
                .list();
    }
}
