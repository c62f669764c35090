package io.parley.usage.internal;

import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.usage.EffectiveLimits;
import io.parley.usage.LimitsPatch;
import io.parley.usage.Plan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Plans and per-organization overrides. Every write announces the organizations whose effective limits it changes
 * ({@link #TOPIC}): one for its plan or overrides, all for a plan's definition.
 */
@Repository
public class LimitsRepository {
    /** Notices about effective limits, keyed by organization id. */
    public static final String TOPIC = "limits";

    private static final String COLUMNS = "monthly_messages, monthly_tokens, monthly_cost_budget, "
            + "contact_daily_messages, rate_per_hour_per_contact, max_message_length, knowledge_documents, "
            + "knowledge_urls, knowledge_ingestions_per_day, knowledge_storage_bytes, max_media_bytes";
    private final JdbcClient jdbc;
    private final ChangeNotices notices;

    LimitsRepository(JdbcClient jdbc, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    public List<Plan> plans() {
        return jdbc.sql("select * from plans order by name")
                .query(LimitsRepository::plan)
                .list();
    }

    public Optional<Plan> plan(String name) {
        return jdbc.sql("select * from plans where name = :name")
                .param("name", name)
                .query(LimitsRepository::plan)
                .optional();
    }

    public void upsertPlan(Plan p) {
        jdbc.sql("""
                        insert into plans (name, %s, max_tool_rounds)
                        values (:name, :mm, :mt, :mc, :cd, :rh, :ml, :kd, :ku, :ki, :ks, :mb, :tr)
                        on conflict (name) do update set monthly_messages = excluded.monthly_messages,
                          monthly_tokens = excluded.monthly_tokens, monthly_cost_budget = excluded.monthly_cost_budget,
                          contact_daily_messages = excluded.contact_daily_messages,
                          rate_per_hour_per_contact = excluded.rate_per_hour_per_contact,
                          max_message_length = excluded.max_message_length,
                          max_tool_rounds = excluded.max_tool_rounds,
                          knowledge_documents = excluded.knowledge_documents,
                          knowledge_urls = excluded.knowledge_urls,
                          knowledge_ingestions_per_day = excluded.knowledge_ingestions_per_day,
                          knowledge_storage_bytes = excluded.knowledge_storage_bytes,
                          max_media_bytes = excluded.max_media_bytes, updated_at = now()""".formatted(COLUMNS))
                .param("name", p.name())
                .param("mm", p.monthlyMessages())
                .param("mt", p.monthlyTokens())
                .param("mc", Decimals.fit(p.monthlyCostBudget(), 6))
                .param("cd", p.contactDailyMessages())
                .param("rh", p.ratePerHourPerContact())
                .param("ml", p.maxMessageLength())
                .param("tr", p.maxToolRounds())
                .param("kd", p.knowledgeDocuments())
                .param("ku", p.knowledgeUrls())
                .param("ki", p.knowledgeIngestionsPerDay())
                .param("ks", p.knowledgeStorageBytes())
                .param("mb", p.maxMediaBytes())
                .update();
        notices.announceAll(TOPIC);
    }

    /** The organization's effective limits; {@code defaultPlan} when it has no row of its own. */
    public EffectiveLimits effective(OrganizationId id, String defaultPlan) {
        return jdbc.sql("""
                        select p.name as plan,
                          coalesce(o.monthly_messages, p.monthly_messages) as monthly_messages,
                          coalesce(o.monthly_tokens, p.monthly_tokens) as monthly_tokens,
                          coalesce(o.monthly_cost_budget, p.monthly_cost_budget) as monthly_cost_budget,
                          coalesce(o.contact_daily_messages, p.contact_daily_messages) as contact_daily_messages,
                          coalesce(o.rate_per_hour_per_contact, p.rate_per_hour_per_contact) as rate_per_hour_per_contact,
                          coalesce(o.max_message_length, p.max_message_length) as max_message_length,
                          p.max_tool_rounds,
                          coalesce(o.knowledge_documents, p.knowledge_documents) as knowledge_documents,
                          coalesce(o.knowledge_urls, p.knowledge_urls) as knowledge_urls,
                          coalesce(o.knowledge_ingestions_per_day, p.knowledge_ingestions_per_day)
                              as knowledge_ingestions_per_day,
                          coalesce(o.knowledge_storage_bytes, p.knowledge_storage_bytes) as knowledge_storage_bytes,
                          coalesce(o.max_media_bytes, p.max_media_bytes) as max_media_bytes
                        from plans p left join organization_limits o on o.organization_id = :org
                        where p.name = coalesce(o.plan, :defaultPlan)""")
                .param("org", id.value())
                .param("defaultPlan", defaultPlan)
                .query((rs, row) -> new EffectiveLimits(
                        rs.getString("plan"),
                        longOrNull(rs, "monthly_messages"),
                        longOrNull(rs, "monthly_tokens"),
                        rs.getBigDecimal("monthly_cost_budget"),
                        intOrNull(rs, "contact_daily_messages"),
                        intOrNull(rs, "rate_per_hour_per_contact"),
                        intOrNull(rs, "max_message_length"),
                        intOrNull(rs, "max_tool_rounds"),
                        intOrNull(rs, "knowledge_documents"),
                        intOrNull(rs, "knowledge_urls"),
                        intOrNull(rs, "knowledge_ingestions_per_day"),
                        longOrNull(rs, "knowledge_storage_bytes"),
                        longOrNull(rs, "max_media_bytes")))
                .optional()
                .orElseThrow(() -> new IllegalStateException("Plan missing: " + defaultPlan));
    }

    public void setPlan(OrganizationId id, String plan) {
        jdbc.sql("""
                        insert into organization_limits (organization_id, plan) values (:org, :plan)
                        on conflict (organization_id) do update set plan = excluded.plan, updated_at = now()""").param("org", id.value()).param("plan", plan).update();
        notices.announce(TOPIC, id);
    }

    public void patch(OrganizationId id, String defaultPlan, LimitsPatch p) {
        jdbc.sql("""
                        insert into organization_limits (organization_id, plan, %s)
                        values (:org, :plan, :mm, :mt, :mc, :cd, :rh, :ml, :kd, :ku, :ki, :ks, :mb)
                        on conflict (organization_id) do update set
                          monthly_messages = coalesce(excluded.monthly_messages, organization_limits.monthly_messages),
                          monthly_tokens = coalesce(excluded.monthly_tokens, organization_limits.monthly_tokens),
                          monthly_cost_budget = coalesce(excluded.monthly_cost_budget,
                              organization_limits.monthly_cost_budget),
                          contact_daily_messages = coalesce(excluded.contact_daily_messages,
                              organization_limits.contact_daily_messages),
                          rate_per_hour_per_contact = coalesce(excluded.rate_per_hour_per_contact,
                              organization_limits.rate_per_hour_per_contact),
                          max_message_length = coalesce(excluded.max_message_length,
                              organization_limits.max_message_length),
                          knowledge_documents = coalesce(excluded.knowledge_documents,
                              organization_limits.knowledge_documents),
                          knowledge_urls = coalesce(excluded.knowledge_urls, organization_limits.knowledge_urls),
                          knowledge_ingestions_per_day = coalesce(excluded.knowledge_ingestions_per_day,
                              organization_limits.knowledge_ingestions_per_day),
                          knowledge_storage_bytes = coalesce(excluded.knowledge_storage_bytes,
                              organization_limits.knowledge_storage_bytes),
                          max_media_bytes = coalesce(excluded.max_media_bytes, organization_limits.max_media_bytes),
                          updated_at = now()""".formatted(COLUMNS))
                .param("org", id.value())
                .param("plan", defaultPlan)
                .param("mm", p.monthlyMessages())
                .param("mt", p.monthlyTokens())
                .param("mc", Decimals.fit(p.monthlyCostBudget(), 6))
                .param("cd", p.contactDailyMessages())
                .param("rh", p.ratePerHourPerContact())
                .param("ml", p.maxMessageLength())
                .param("kd", p.knowledgeDocuments())
                .param("ku", p.knowledgeUrls())
                .param("ki", p.knowledgeIngestionsPerDay())
                .param("ks", p.knowledgeStorageBytes())
                .param("mb", p.maxMediaBytes())
                .update();
        notices.announce(TOPIC, id);
    }

    private static Plan plan(ResultSet rs, int row) throws SQLException {
        return new Plan(
                rs.getString("name"),
                longOrNull(rs, "monthly_messages"),
                longOrNull(rs, "monthly_tokens"),
                rs.getBigDecimal("monthly_cost_budget"),
                intOrNull(rs, "contact_daily_messages"),
                intOrNull(rs, "rate_per_hour_per_contact"),
                intOrNull(rs, "max_message_length"),
                intOrNull(rs, "max_tool_rounds"),
                intOrNull(rs, "knowledge_documents"),
                intOrNull(rs, "knowledge_urls"),
                intOrNull(rs, "knowledge_ingestions_per_day"),
                longOrNull(rs, "knowledge_storage_bytes"),
                longOrNull(rs, "max_media_bytes"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
