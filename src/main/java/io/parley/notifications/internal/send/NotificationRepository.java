package io.parley.notifications.internal.send;

import io.parley.access.StaffUserId;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code staff_notifications} rows: queued, sent or dead (retries exhausted or a permanent failure). */
@Repository
public class NotificationRepository {
    private static final String COLUMNS = """
            id, organization_id, staff_user_id, channel, address, via, template, variables, event_id, test, status,
            attempts, last_error, requested_at, sent_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    NotificationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Empty when this event already has a notification for this address (the listener ran twice). */
    public Optional<UUID> insert(NotificationRow row, UUID ruleId) {
        int inserted = jdbc.sql("""
                        insert into staff_notifications (id, organization_id, staff_user_id, channel, address, via,
                            template, variables, event_id, rule_id, test, requested_at)
                        values (:id, :org, :user, :channel, :address, :via, :template, cast(:variables as jsonb),
                            :event, :rule, :test, :at)
                        on conflict (event_id, staff_user_id, channel, address) do nothing""")
                .param("id", row.id())
                .param("org", row.organizationId().value())
                .param("user", row.staffUserId().value())
                .param("channel", row.channel())
                .param("address", row.address())
                .param("via", row.via() == null ? null : row.via().value())
                .param("template", row.template())
                .param("variables", json.writeValueAsString(row.variables()))
                .param("event", row.eventId())
                .param("rule", ruleId)
                .param("test", row.test())
                .param("at", Timestamp.from(row.requestedAt()))
                .update();
        return inserted == 1 ? Optional.of(row.id()) : Optional.empty();
    }

    public Optional<NotificationRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from staff_notifications where id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    public Optional<NotificationRow> find(OrganizationId organization, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from staff_notifications where id = :id and organization_id = :org")
                .param("id", id)
                .param("org", organization.value())
                .query(this::row)
                .optional();
    }

    /** Newest first; {@code status} null for all. */
    public List<NotificationRow> list(OrganizationId organization, String status, int limit) {
        return jdbc.sql("select " + COLUMNS + " from staff_notifications where organization_id = :org"
                        + " and (cast(:status as text) is null or status = :status)"
                        + " order by requested_at desc, id limit :limit")
                .param("org", organization.value())
                .param("status", status, java.sql.Types.VARCHAR)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    /**
     * When the recipient's {@code max}-th most recent non-test send on the channel since {@code since} happened, or
     * empty when fewer than {@code max} were sent since then.
     */
    public Optional<Instant> nthRecentSend(StaffUserId user, String channel, Instant since, int max) {
        List<Timestamp> sent = jdbc.sql("""
                        select sent_at from staff_notifications
                        where staff_user_id = :user and channel = :channel and sent_at is not null and not test
                          and sent_at > :since
                        order by sent_at desc limit :max""")
                .param("user", user.value())
                .param("channel", channel)
                .param("since", Timestamp.from(since))
                .param("max", max)
                .query(Timestamp.class)
                .list();
        return sent.size() < max ? Optional.empty() : Optional.of(sent.getLast().toInstant());
    }

    public void sent(UUID id, int attempts, Instant at) {
        jdbc.sql("""
                        update staff_notifications set status = 'sent', attempts = :attempts, sent_at = :at,
                            finished_at = :at, last_error = null
                        where id = :id and status = 'queued'""")
                .param("attempts", attempts)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    public void failedAttempt(UUID id, int attempts, String error) {
        jdbc.sql("update staff_notifications set attempts = :attempts, last_error = :error where id = :id")
                .param("attempts", attempts)
                .param("error", error)
                .param("id", id)
                .update();
    }

    public boolean dead(UUID id, int attempts, String error, Instant at) {
        return jdbc.sql("""
                        update staff_notifications set status = 'dead', attempts = :attempts, last_error = :error,
                            finished_at = :at
                        where id = :id and status = 'queued'""")
                        .param("attempts", attempts)
                        .param("error", error)
                        .param("at", Timestamp.from(at))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Dead → queued with a fresh retry budget; false when it was not dead. */
    public boolean revive(OrganizationId organization, UUID id) {
        return jdbc.sql("""
                        update staff_notifications set status = 'queued', attempts = 0, last_error = null,
                            finished_at = null
                        where id = :id and organization_id = :org and status = 'dead'""").param("id", id).param("org", organization.value()).update() == 1;
    }

    private NotificationRow row(ResultSet rs, int n) throws SQLException {
        UUID via = rs.getObject("via", UUID.class);
        long event = rs.getLong("event_id");
        Long eventId = rs.wasNull() ? null : event;
        Timestamp sent = rs.getTimestamp("sent_at");
        return new NotificationRow(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new StaffUserId(rs.getObject("staff_user_id", UUID.class)),
                rs.getString("channel"),
                rs.getString("address"),
                via == null ? null : new ChannelAccountId(via),
                rs.getString("template"),
                json.readValue(rs.getString("variables"), new TypeReference<Map<String, String>>() {}),
                eventId,
                rs.getBoolean("test"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getTimestamp("requested_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
