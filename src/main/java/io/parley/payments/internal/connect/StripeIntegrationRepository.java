package io.parley.payments.internal.connect;

import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code stripe_integrations}: keys sealed with a context naming their row and column, opened only here. */
@Repository
public class StripeIntegrationRepository {
    private final JdbcClient jdbc;
    private final SecretBox secrets;

    StripeIntegrationRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** Locks and returns the organization's integration, for a rotation in the caller's transaction. */
    Optional<StripeIntegration> lockByOrganization(OrganizationId organization) {
        return jdbc.sql("select * from stripe_integrations where organization_id = :org for update")
                .param("org", organization.value())
                .query(this::map)
                .optional();
    }

    public Optional<StripeIntegration> findByOrganization(OrganizationId organization) {
        return jdbc.sql("select * from stripe_integrations where organization_id = :org")
                .param("org", organization.value())
                .query(this::map)
                .optional();
    }

    public Optional<StripeIntegration> find(UUID id) {
        return jdbc.sql("select * from stripe_integrations where id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    void insert(UUID id, OrganizationId organization, String mode, String secretKey, String webhookSecret, Instant at) {
        jdbc.sql("""
                        insert into stripe_integrations (id, organization_id, mode, secret_key_sealed,
                            webhook_secret_sealed, connected_at, updated_at)
                        values (:id, :org, :mode, :key, :hook, :at, :at)""")
                .param("id", id)
                .param("org", organization.value())
                .param("mode", mode)
                .param("key", secrets.seal(secretKey, context("secret_key_sealed", id)))
                .param("hook", secrets.seal(webhookSecret, context("webhook_secret_sealed", id)))
                .param("at", Timestamp.from(at))
                .update();
    }

    /** New keys; {@code previous} (null to keep what is there) stays valid until {@code previousUntil}. */
    void rotate(
            UUID id,
            String mode,
            String secretKey,
            String webhookSecret,
            Secret previous,
            Instant previousUntil,
            Instant at) {
        jdbc.sql("""
                        update stripe_integrations
                           set mode = :mode, secret_key_sealed = :key, webhook_secret_sealed = :hook,
                               previous_secret_sealed = coalesce(:previous, previous_secret_sealed),
                               previous_valid_until = coalesce(:until, previous_valid_until),
                               updated_at = :at
                         where id = :id""")
                .param("id", id)
                .param("mode", mode)
                .param("key", secrets.seal(secretKey, context("secret_key_sealed", id)))
                .param("hook", secrets.seal(webhookSecret, context("webhook_secret_sealed", id)))
                .param(
                        "previous",
                        previous == null
                                ? null
                                : secrets.seal(previous.reveal(), context("previous_secret_sealed", id)))
                .param("until", previousUntil == null ? null : Timestamp.from(previousUntil))
                .param("at", Timestamp.from(at))
                .update();
    }

    boolean delete(OrganizationId organization) {
        return jdbc.sql("delete from stripe_integrations where organization_id = :org")
                        .param("org", organization.value())
                        .update()
                == 1;
    }

    private StripeIntegration map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] previous = rs.getBytes("previous_secret_sealed");
        Timestamp until = rs.getTimestamp("previous_valid_until");
        return new StripeIntegration(
                id,
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("mode"),
                Secret.of(secrets.open(rs.getBytes("secret_key_sealed"), context("secret_key_sealed", id))),
                Secret.of(secrets.open(rs.getBytes("webhook_secret_sealed"), context("webhook_secret_sealed", id))),
                previous == null ? null : Secret.of(secrets.open(previous, context("previous_secret_sealed", id))),
                until == null ? null : until.toInstant(),
                rs.getTimestamp("connected_at").toInstant());
    }

    private static String context(String column, UUID id) {
        return "stripe_integrations." + column + ":" + id;
    }
}
