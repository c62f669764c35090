package io.parley.usage.internal;

import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.usage.UsageGroup;
import io.parley.usage.UsageRecord;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Period aggregates (written with each usage record), "said once" notices and history queries. */
@Repository
public class UsageTotalsRepository {
    /** groupBy → SQL expression; the keys are the only values that reach the SQL text. */
    private static final Map<String, String> GROUPS = Map.of(
            "chatbot",
            "chatbot_id::text",
            "contact",
            "coalesce(contact_id::text, '')",
            "model",
            "provider || '/' || coalesce(model, '')",
            "day",
            "to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')",
            "apiKey",
            "coalesce(api_key_id::text, '')",
            "kind",
            "kind");

    public record Totals(long messages, long tokensIn, long tokensOut, BigDecimal cost, long unpriced) {}

    private final JdbcClient jdbc;

    UsageTotalsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static boolean knownGroup(String groupBy) {
        return GROUPS.containsKey(groupBy);
    }

    /** Adds the record to the period's and the contact's day's aggregates; returns the period's totals after it. */
    public Totals add(UsageRecord r, LocalDate period, LocalDate day) {
        Totals after = jdbc.sql("""
                        insert into usage_periods (organization_id, period_start, messages, tokens_in, tokens_out, cost,
                            unpriced)
                        values (:org, :period, :messages, :in, :out, coalesce(:cost, 0), :unpriced)
                        on conflict (organization_id, period_start) do update set
                          messages = usage_periods.messages + excluded.messages,
                          tokens_in = usage_periods.tokens_in + excluded.tokens_in,
                          tokens_out = usage_periods.tokens_out + excluded.tokens_out,
                          cost = usage_periods.cost + excluded.cost,
                          unpriced = usage_periods.unpriced + excluded.unpriced
                        returning messages, tokens_in, tokens_out, cost, unpriced""")
                .param("org", r.organizationId().value())
                .param("period", period)
                .param("messages", r.messages())
                .param("in", r.tokensIn())
                .param("out", r.tokensOut())
                .param("cost", r.cost(), java.sql.Types.NUMERIC)
                .param("unpriced", r.cost() == null ? 1 : 0)
                .query(UsageTotalsRepository::totals)
                .single();
        if (r.contactId() != null && r.messages() > 0) {
            jdbc.sql("""
                            insert into contact_usage_days (organization_id, contact_id, day, messages)
                            values (:org, :contact, :day, :messages)
                            on conflict (contact_id, day) do update
                              set messages = contact_usage_days.messages + excluded.messages""")
                    .param("org", r.organizationId().value())
                    .param("contact", r.contactId().value())
                    .param("messages", r.messages())
                    .param("day", day)
                    .update();
        }
        return after;
    }

    public Totals period(OrganizationId org, LocalDate period) {
        return jdbc.sql("""
                        select messages, tokens_in, tokens_out, cost, unpriced from usage_periods
                        where organization_id = :org and period_start = :period""")
                .param("org", org.value())
                .param("period", period)
                .query(UsageTotalsRepository::totals)
                .optional()
                .orElse(new Totals(0, 0, 0, BigDecimal.ZERO, 0));
    }

    private static Totals totals(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4), rs.getLong(5));
    }

    public long contactDay(ContactId contact, LocalDate day) {
        return jdbc.sql("select messages from contact_usage_days where contact_id = :contact and day = :day")
                .param("contact", contact.value())
                .param("day", day)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Marks a notice as given; true only for the first caller in the period. */
    public boolean firstNotice(OrganizationId org, LocalDate period, String notice) {
        return jdbc.sql("""
                        insert into usage_notices (organization_id, period_start, notice) values (:org, :period, :notice)
                        on conflict do nothing""")
                        .param("org", org.value())
                        .param("period", period)
                        .param("notice", notice)
                        .update()
                == 1;
    }

    /** Totals from the ledger itself over [from, to), grouped; a null groupBy gives one group with key "total". */
    public List<UsageGroup> history(OrganizationId org, Instant from, Instant to, String groupBy) {
        String key = groupBy == null ? "'total'" : GROUPS.get(groupBy);
        return jdbc.sql("""
                        select %s as key, coalesce(sum(messages), 0), coalesce(sum(tokens_in), 0),
                          coalesce(sum(tokens_out), 0), coalesce(sum(cost), 0), count(*) filter (where cost is null)
                        from usage_records
                        where organization_id = :org and created_at >= :from and created_at < :to
                        group by 1 order by 1""".formatted(key))
                .param("org", org.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new UsageGroup(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getBigDecimal(5),
                        rs.getLong(6)))
                .list();
    }
}
