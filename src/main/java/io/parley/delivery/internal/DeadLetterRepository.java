package io.parley.delivery.internal;

import io.parley.delivery.DeadLetterFilter;
import io.parley.delivery.DeadLetterView;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DeadLetterRepository {
    public static final String AUTO_HEAL = "auto-heal";

    private final JdbcClient jdbc;
    private final Clock clock;

    DeadLetterRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID insert(OutboundRow row, int attempts, String reason, String error, boolean transientFailure) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into dead_letters (id, organization_id, outbound_message_id, conversation_id,
                            channel_account_id, lane, reason, error_message, attempts, transient, created_at)
                        values (:id, :org, :outbound, :conversation, :account, :lane, :reason, :error, :attempts,
                            :transient, :now)""")
                .param("id", id)
                .param("org", row.organizationId().value())
                .param("outbound", row.id().value())
                .param("conversation", row.conversationId().value())
                .param("account", row.channelAccountId().value())
                .param("lane", row.lane().wireName())
                .param("reason", reason == null ? "unknown" : reason)
                .param("error", error == null || error.length() <= 1000 ? error : error.substring(0, 1000))
                .param("attempts", attempts)
                .param("transient", transientFailure)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    public List<DeadLetterView> list(OrganizationId organization, DeadLetterFilter filter, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(organization, filter, params);
        params.put("limit", limit);
        return jdbc.sql("""
                        select d.*, o.message_id from dead_letters d join outbound_messages o on o.id = d.outbound_message_id
                        where %s order by d.created_at desc limit :limit""".formatted(where))
                .params(params)
                .query(DeadLetterRepository::view)
                .list();
    }

    public Optional<DeadLetterView> find(UUID id) {
        return jdbc.sql("""
                        select d.*, o.message_id from dead_letters d join outbound_messages o on o.id = d.outbound_message_id
                        where d.id = :id""").param("id", id).query(DeadLetterRepository::view).optional();
    }

    /** Marks an open dead letter replayed; returns its message, or empty if it is not open (replayed already). */
    Optional<OutboundMessageId> claim(UUID id, String by) {
        return jdbc.sql("""
                        update dead_letters set replayed_at = :now, replayed_by = :by
                        where id = :id and replayed_at is null returning outbound_message_id""")
                .param("id", id)
                .param("by", by)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new OutboundMessageId(rs.getObject(1, UUID.class)))
                .optional();
    }

    /** Whether content retention anonymized the dead letter's message (false for an unknown id). */
    boolean contentRemoved(UUID id) {
        return jdbc.sql("""
                        select not (%s) from dead_letters d join outbound_messages o on o.id = d.outbound_message_id
                        where d.id = :id""".formatted(OutboundPayload.hasContent("o")))
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Transient dead letters old enough to try again, whose message was not auto-healed too often already and
     * still has its content (an anonymized one can never be replayed; it would only take the place of others).
     */
    List<UUID> healable(Duration coolDown, int maxAutoReplays, int limit) {
        return jdbc.sql("""
                        select d.id from dead_letters d join outbound_messages o on o.id = d.outbound_message_id
                        where d.replayed_at is null and d.transient and d.created_at < :cutoff
                          and %s
                          and (select count(*) from dead_letters p where p.outbound_message_id = d.outbound_message_id
                               and p.replayed_by = :heal) < :max
                        order by d.created_at limit :limit""".formatted(OutboundPayload.hasContent("o")))
                .param("cutoff", Timestamp.from(clock.instant().minus(coolDown)))
                .param("heal", AUTO_HEAL)
                .param("max", maxAutoReplays)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Open dead letters that a replay could still send (anonymized ones stay open but cannot be replayed). */
    long openCount() {
        return jdbc.sql("""
                        select count(*) from dead_letters d join outbound_messages o on o.id = d.outbound_message_id
                        where d.replayed_at is null and %s""".formatted(OutboundPayload.hasContent("o")))
                .query(Long.class)
                .single();
    }

    private static String where(OrganizationId organization, DeadLetterFilter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>(List.of("d.organization_id = :org"));
        params.put("org", organization.value());
        switch (f.stateOrDefault()) {
            case "open" -> clauses.add("d.replayed_at is null");
            case "replayed" -> clauses.add("d.replayed_at is not null");
            default -> {}
        }
        add(clauses, params, "d.conversation_id = :conversation", "conversation", f.conversationId());
        add(clauses, params, "d.channel_account_id = :channel", "channel", f.channelId());
        add(
                clauses,
                params,
                "d.lane = :lane",
                "lane",
                f.lane() == null ? null : f.lane().wireName());
        add(clauses, params, "d.reason = :reason", "reason", f.reason());
        add(clauses, params, "d.transient = :transient", "transient", f.transientOnly());
        add(clauses, params, "d.created_at >= :since", "since", f.since() == null ? null : Timestamp.from(f.since()));
        add(clauses, params, "d.created_at < :until", "until", f.until() == null ? null : Timestamp.from(f.until()));
        return String.join(" and ", clauses);
    }

    private static void add(
            List<String> clauses, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.put(name, value);
        }
    }

    private static DeadLetterView view(ResultSet rs, int n) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new DeadLetterView(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("message_id", UUID.class),
                rs.getObject("outbound_message_id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                rs.getObject("channel_account_id", UUID.class),
                rs.getString("lane"),
                rs.getString("reason"),
                rs.getString("error_message"),
                rs.getInt("attempts"),
                rs.getBoolean("transient"),
                rs.getTimestamp("created_at").toInstant(),
                replayed == null ? null : replayed.toInstant(),
                rs.getString("replayed_by"));
    }
}
