package io.parley.alerts.internal;

import io.parley.platform.OrganizationId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AlertDeliveryRepository {
    record Row(UUID id, UUID sinkId, long eventId, String status, int attempts) {
    }

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
                .param("id", id).param("org", organizationId.value()).param("sink", sinkId).param("event", eventId)
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select id, sink_id, event_id, status, attempts from alert_deliveries where id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("sink_id", UUID.class),
                        rs.getLong("event_id"), rs.getString("status"), rs.getInt("attempts")))
                .optional();
    }

    void delivered(UUID id, int attempts) {
        finish(id, "delivered", attempts, null);
    }

    void dead(UUID id, int attempts, String error) {
        finish(id, "dead", attempts, error);
    }

    void failedAttempt(UUID id, int attempts, String error) {
        jdbc.sql("update alert_deliveries set attempts = :attempts, last_error = :error where id = :id")
                .param("attempts", attempts).param("error", error).param("id", id).update();
    }

    private void finish(UUID id, String status, int attempts, String error) {
        jdbc.sql("""
                        update alert_deliveries set status = :status, attempts = :attempts, last_error = :error,
                                                    finished_at = now()
                        where id = :id and status = 'pending'""")
                .param("status", status).param("attempts", attempts).param("error", error).param("id", id).update();
    }
}
