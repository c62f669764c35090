package io.parley.notifications.push;

import io.parley.access.StaffUserId;
import io.parley.platform.OrganizationId;
import io.parley.platform.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code push_subscriptions}: every query names the organization, so another tenant's subscription id finds nothing.
 * The auth secret is sealed with the row's context ({@code push_subscriptions.auth_sealed:<id>}).
 */
@Repository
class PushSubscriptionRepository {
    private static final String COLUMNS = "id, organization_id, staff_user_id, endpoint, p256dh, expiration_time,"
            + " created_at, updated_at, expired_at";

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    PushSubscriptionRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /**
     * Stores the subscription, or updates the organization's row with the same endpoint (owner, keys, expiration;
     * a retired one becomes current again).
     */
    Saved save(
            OrganizationId organization,
            StaffUserId staffUser,
            String endpoint,
            byte[] p256dh,
            byte[] auth,
            Instant expirationTime,
            Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into push_subscriptions (id, organization_id, staff_user_id, endpoint, p256dh,
                                                        auth_sealed, expiration_time, created_at, updated_at)
                        values (:id, :org, :user, :endpoint, :p256dh, :auth, :expiration, :now, :now)
                        on conflict (organization_id, endpoint) do nothing""")
                .param("id", id)
                .param("org", organization.value())
                .param("user", staffUser.value())
                .param("endpoint", endpoint)
                .param("p256dh", p256dh)
                .param("auth", seal(id, auth))
                .param("expiration", timestamp(expirationTime))
                .param("now", Timestamp.from(now))
                .update();
        if (inserted == 1) {
            return new Saved(id, true);
        }
        UUID existing = jdbc.sql(
                        "select id from push_subscriptions where organization_id = :org and endpoint = :endpoint")
                .param("org", organization.value())
                .param("endpoint", endpoint)
                .query(UUID.class)
                .single();
        jdbc.sql("""
                        update push_subscriptions
                        set staff_user_id = :user, p256dh = :p256dh, auth_sealed = :auth,
                            expiration_time = :expiration, updated_at = :now, expired_at = null
                        where id = :id and organization_id = :org""")
                .param("id", existing)
                .param("org", organization.value())
                .param("user", staffUser.value())
                .param("p256dh", p256dh)
                .param("auth", seal(existing, auth))
                .param("expiration", timestamp(expirationTime))
                .param("now", Timestamp.from(now))
                .update();
        return new Saved(existing, false);
    }

    /** The row's id, and whether the row is new. */
    record Saved(UUID id, boolean created) {}

    Optional<PushSubscription> find(OrganizationId organization, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from push_subscriptions where id = :id and organization_id = :org")
                .param("id", id)
                .param("org", organization.value())
                .query(this::map)
                .optional();
    }

    /** The subscription's auth secret, opened (for encrypting a message to it). */
    Optional<byte[]> authSecret(OrganizationId organization, UUID id) {
        return jdbc.sql("select auth_sealed from push_subscriptions where id = :id and organization_id = :org")
                .param("id", id)
                .param("org", organization.value())
                .query((rs, row) ->
                        Base64.getUrlDecoder().decode(secrets.open(rs.getBytes("auth_sealed"), context(id))))
                .optional();
    }

    /** The member's subscriptions, current ones first, newest first. */
    List<PushSubscription> list(OrganizationId organization, StaffUserId staffUser) {
        return jdbc.sql("select " + COLUMNS + " from push_subscriptions"
                        + " where organization_id = :org and staff_user_id = :user"
                        + " order by expired_at is not null, created_at desc, id")
                .param("org", organization.value())
                .param("user", staffUser.value())
                .query(this::map)
                .list();
    }

    /** The ids of the member's current subscriptions, oldest first. */
    List<String> currentIds(OrganizationId organization, StaffUserId staffUser) {
        return jdbc
                .sql("""
                        select id from push_subscriptions
                        where organization_id = :org and staff_user_id = :user and expired_at is null
                        order by created_at, id""")
                .param("org", organization.value())
                .param("user", staffUser.value())
                .query(UUID.class)
                .list()
                .stream()
                .map(UUID::toString)
                .toList();
    }

    /** Marks the subscription retired (the push service said it is gone); true when it was current. */
    boolean retire(OrganizationId organization, UUID id, Instant now) {
        return jdbc.sql("""
                        update push_subscriptions set expired_at = :now, updated_at = :now
                        where id = :id and organization_id = :org and expired_at is null""")
                        .param("id", id)
                        .param("org", organization.value())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean delete(OrganizationId organization, UUID id) {
        return jdbc.sql("delete from push_subscriptions where id = :id and organization_id = :org")
                        .param("id", id)
                        .param("org", organization.value())
                        .update()
                == 1;
    }

    private PushSubscription map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new PushSubscription(
                id,
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new StaffUserId(rs.getObject("staff_user_id", UUID.class)),
                rs.getString("endpoint"),
                rs.getBytes("p256dh"),
                instant(rs.getTimestamp("expiration_time")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                instant(rs.getTimestamp("expired_at")));
    }

    private byte[] seal(UUID id, byte[] auth) {
        return secrets.seal(VapidTokens.encode(auth), context(id));
    }

    private static String context(UUID id) {
        return "push_subscriptions.auth_sealed:" + id;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
