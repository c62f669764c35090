package io.parley.payments.internal.webhook;

import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code stripe_events}: each event once per organization (a unique index on its Stripe id), with what it did. */
@Repository
class StripeEventRepository {
    private final JdbcClient jdbc;

    StripeEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the event unless it is there; returns its row id, or -1 for a duplicate. A concurrent delivery of the
     * same event waits on the unique index until the first commits, then finds it.
     */
    long insertIfAbsent(OrganizationId organization, String eventId, String type, String payload, Instant now) {
        return jdbc.sql("""
                        insert into stripe_events (organization_id, event_id, type, payload, outcome, received_at)
                        values (:org, :event, :type, :payload, 'received', :now)
                        on conflict (organization_id, event_id) do nothing
                        returning id""")
                .param("org", organization.value())
                .param("event", eventId)
                .param("type", type)
                .param("payload", payload)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional()
                .orElse(-1L);
    }

    void outcome(long id, String outcome) {
        jdbc.sql("update stripe_events set outcome = :outcome where id = :id")
                .param("id", id)
                .param("outcome", outcome)
                .update();
    }
}
