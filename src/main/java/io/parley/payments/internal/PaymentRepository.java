package io.parley.payments.internal;

import io.parley.payments.Payment;
import io.parley.payments.PaymentId;
import io.parley.payments.PaymentRequest;
import io.parley.payments.PaymentStatus;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code payments}. Every status change is a compare-and-set on the status it was read with ({@link #move}), so
 * two deliveries of one event, or an event and the sweep, move a payment once.
 */
@Repository
public class PaymentRepository {
    /** A payment with what only the module needs: attempts and the Idempotency-Key generation. */
    public record Row(Payment payment, int attempts, int keyGeneration) {}

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the payment unless one with the same reference exists; returns whether it was inserted. */
    public boolean insertIfAbsent(
            PaymentId id, OrganizationId organization, PaymentRequest request, Instant expiresAt, Instant now) {
        return jdbc.sql("""
                        insert into payments (id, organization_id, reference, conversation_id, contact_id, amount_minor,
                            currency, label, status, expires_at, created_at, updated_at)
                        values (:id, :org, :ref, :conversation, :contact, :amount, :currency, :label, 'created',
                                :expires, :now, :now)
                        on conflict (organization_id, reference) do nothing""")
                        .param("id", id.value())
                        .param("org", organization.value())
                        .param("ref", request.reference())
                        .param(
                                "conversation",
                                request.conversationId() == null
                                        ? null
                                        : request.conversationId().value())
                        .param(
                                "contact",
                                request.contactId() == null
                                        ? null
                                        : request.contactId().value())
                        .param("amount", request.amountMinor())
                        .param("currency", request.currency())
                        .param("label", request.label())
                        .param("expires", Timestamp.from(expiresAt))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public Optional<Row> find(PaymentId id) {
        return jdbc.sql("select * from payments where id = :id")
                .param("id", id.value())
                .query(PaymentRepository::map)
                .optional();
    }

    public Optional<Row> find(OrganizationId organization, PaymentId id) {
        return jdbc.sql("select * from payments where id = :id and organization_id = :org")
                .param("id", id.value())
                .param("org", organization.value())
                .query(PaymentRepository::map)
                .optional();
    }

    public Optional<Row> findByReference(OrganizationId organization, String reference) {
        return jdbc.sql("select * from payments where organization_id = :org and reference = :ref")
                .param("org", organization.value())
                .param("ref", reference)
                .query(PaymentRepository::map)
                .optional();
    }

    public Optional<Row> findBySession(OrganizationId organization, String sessionId) {
        return jdbc.sql("select * from payments where organization_id = :org and checkout_session_id = :session")
                .param("org", organization.value())
                .param("session", sessionId)
                .query(PaymentRepository::map)
                .optional();
    }

    /** {@code created → open} with the session Stripe created; false if the payment moved meanwhile. */
    public boolean opened(PaymentId id, String sessionId, String url, boolean livemode, int attempts, Instant now) {
        return jdbc.sql("""
                        update payments set status = 'open', checkout_session_id = :session, checkout_url = :url,
                               livemode = :livemode, attempts = :attempts, last_error = null, updated_at = :now
                         where id = :id and status = 'created'""")
                        .param("id", id.value())
                        .param("session", sessionId)
                        .param("url", url)
                        .param("livemode", livemode)
                        .param("attempts", attempts)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Records a failed attempt that will be retried; {@code newKey} bumps the Idempotency-Key generation. */
    public void failedAttempt(PaymentId id, int attempts, String error, boolean newKey, Instant now) {
        jdbc.sql("""
                        update payments set attempts = :attempts, last_error = :error, updated_at = :now,
                               key_generation = key_generation + case when :newKey then 1 else 0 end
                         where id = :id and status = 'created'""")
                .param("id", id.value())
                .param("attempts", attempts)
                .param("error", error)
                .param("newKey", newKey)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Compare-and-set of the status; {@code late} marks a payment paid after it had expired. */
    public boolean move(PaymentId id, PaymentStatus from, PaymentStatus to, boolean late, String error, Instant now) {
        return jdbc.sql("""
                        update payments set status = :to, late = late or :late, updated_at = :now,
                               last_error = coalesce(:error, last_error)
                         where id = :id and status = :from""")
                        .param("id", id.value())
                        .param("from", from.wireName())
                        .param("to", to.wireName())
                        .param("late", late)
                        .param("error", error)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Up to {@code limit} open payments past their expiry or older than {@code olderThan}, least recently swept first,
     * marked as swept now so the next sweep starts with others.
     */
    public List<Row> claimForSweep(Instant now, Instant olderThan, Instant sweptBefore, int limit) {
        return jdbc.sql("""
                        update payments set swept_at = :now
                         where id in (select id from payments
                                       where status = 'open' and checkout_session_id is not null
                                         and (expires_at < :now or created_at < :older)
                                         and (swept_at is null or swept_at < :sweptBefore)
                                       order by swept_at nulls first, expires_at
                                       limit :limit
                                       for update skip locked)
                        returning *""")
                .param("now", Timestamp.from(now))
                .param("older", Timestamp.from(olderThan))
                .param("sweptBefore", Timestamp.from(sweptBefore))
                .param("limit", limit)
                .query(PaymentRepository::map)
                .list();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        UUID conversation = rs.getObject("conversation_id", UUID.class);
        UUID contact = rs.getObject("contact_id", UUID.class);
        Payment payment = new Payment(
                new PaymentId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("reference"),
                conversation == null ? null : new ConversationId(conversation),
                contact == null ? null : new ContactId(contact),
                rs.getLong("amount_minor"),
                rs.getString("currency"),
                rs.getString("label"),
                PaymentStatus.fromWire(rs.getString("status")),
                rs.getString("checkout_session_id"),
                rs.getString("checkout_url"),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getBoolean("late"),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant());
        return new Row(payment, rs.getInt("attempts"), rs.getInt("key_generation"));
    }
}
