package io.parley.alerts.internal;

import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AlertDeliveryRepository {
    record Row(UUID id, UUID sinkId, long eventId, String status, int attempts) {}

    private final JdbcClient jdbc;

    AlertDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when this sink already has a delivery for this event. */
    Optional<UUID> insert(OrganizationId organizationId, UUID sinkId, long eventId) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into alert_deliveries (id, organization_id, sink_id, event_id)
                        values (:id, :org, :sink, :event) on conflict (event_id, sink_id) do nothing""")
                .param("id", id)
                .param("org", organizationId.value())
                .param("sink", sinkId)
                .param("event", eventId)
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select id, sink_id, event_id, status, attempts from alert_deliveries where id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getObject("sink_id", UUID.class),
                        rs.getLong("event_id"),
                        rs.getString("status"),
                        rs.getInt("attempts")))
                .optional();
    }

    /** A delivery as the API shows it. */
    record View(
            UUID id,
            UUID sinkId,
            long eventId,
            String eventType,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant finishedAt) {}

    private static final String VIEW = """
            select d.id, d.sink_id, d.event_id, e.type, d.status, d.attempts, d.last_error, d.created_at,
                   d.finished_at
            from alert_deliveries d join system_events e on e.id = d.event_id
            where d.organization_id = :org\s""";

    /** The organization's deliveries, newest first, optionally of one status. */
    List<View> list(OrganizationId organizationId, String status, int limit) {
        return jdbc.sql(VIEW + "and (cast(:status as text) is null or d.status = :status) "
                        + "order by d.created_at desc, d.id limit :limit")
                .param("org", organizationId.value())
                .param("status", status, java.sql.Types.VARCHAR)
                .param("limit", limit)
                .query(AlertDeliveryRepository::view)
                .list();
    }

    Optional<View> view(OrganizationId organizationId, UUID id) {
        return jdbc.sql(VIEW + "and d.id = :id")
                .param("org", organizationId.value())
                .param("id", id)
                .query(AlertDeliveryRepository::view)
                .optional();
    }

    private static View view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new View(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant());
    }

    /** The delivery's status if it belongs to the organization. */
    Optional<String> status(OrganizationId organizationId, UUID id) {
        return jdbc.sql("select status from alert_deliveries where id = :id and organization_id = :org")
                .param("id", id)
                .param("org", organizationId.value())
                .query(String.class)
                .optional();
    }

    /** Dead → pending with a fresh retry budget; false when it was not dead (already replayed, or never dead). */
    boolean revive(OrganizationId organizationId, UUID id) {
        return jdbc.sql("""
                        update alert_deliveries set status = 'pending', attempts = 0, last_error = null,
                                                    finished_at = null
                        where id = :id and organization_id = :org and status = 'dead'""")
                        .param("id", id)
                        .param("org", organizationId.value())
                        .update()
                == 1;
    }

    void delivered(UUID id, int attempts) {
        finish(id, "delivered", attempts, null);
    }

    void dead(UUID id, int attempts, String error) {
        finish(id, "dead", attempts, error);
    }

    void failedAttempt(UUID id, int attempts, String error) {
        jdbc.sql("update alert_deliveries set attempts = :attempts, last_error = :error where id = :id")
                .param("attempts", attempts)
                .param("error", error)
                .param("id", id)
                .update();
    }

    private void finish(UUID id, String status, int attempts, String error) {
        jdbc.sql("""
                        update alert_deliveries set status = :status, attempts = :attempts, last_error = :error,
                                                    finished_at = now()
                        where id = :id and status = 'pending'""")
                .param("status", status)
                .param("attempts", attempts)
                .param("error", error)
                .param("id", id)
                .update();
    }
}
