package io.parley.notifications.push;

import io.parley.platform.OrganizationId;
import io.parley.platform.SecretBox;
import java.security.KeyPair;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code push_vapid_keys}: one P-256 key pair per organization, the private scalar sealed with the row's context
 * ({@code push_vapid_keys.private_key_sealed:<organization_id>}).
 */
@Repository
class VapidKeyRepository {
    private final JdbcClient jdbc;
    private final SecretBox secrets;

    VapidKeyRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    Optional<KeyPair> find(OrganizationId organization) {
        return jdbc.sql("select public_key, private_key_sealed from push_vapid_keys where organization_id = :org")
                .param("org", organization.value())
                .query((rs, row) -> P256.keyPair(
                        Base64.getUrlDecoder()
                                .decode(secrets.open(rs.getBytes("private_key_sealed"), context(organization))),
                        rs.getBytes("public_key")))
                .optional();
    }

    /** Stores the pair unless the organization has one already (another node may have made it first). */
    void insertIfAbsent(OrganizationId organization, byte[] publicKey, byte[] privateScalar, Instant now) {
        jdbc.sql("""
                        insert into push_vapid_keys (organization_id, public_key, private_key_sealed, created_at)
                        values (:org, :public, :private, :now)
                        on conflict (organization_id) do nothing""")
                .param("org", organization.value())
                .param("public", publicKey)
                .param("private", secrets.seal(VapidTokens.encode(privateScalar), context(organization)))
                .param("now", Timestamp.from(now))
                .update();
    }

    private static String context(OrganizationId organization) {
        return "push_vapid_keys.private_key_sealed:" + organization.value();
    }
}
