package io.parley.actionlinks.internal;

import io.parley.actionlinks.ActionLink;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code action_tokens}, found by the token's hash. A token is global (it names its organization), so lookups by
 * hash are not scoped by an organization: knowing the token is the permission.
 */
@Repository
public class ActionTokenRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;

    ActionTokenRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(
            UUID id,
            OrganizationId organization,
            byte[] hash,
            String purpose,
            String subjectId,
            String payloadJson,
            Instant expiresAt,
            int maxUses,
            Instant now) {
        jdbc.sql("""
                        insert into action_tokens (id, organization_id, token_hash, purpose, subject_id, payload,
                                                   expires_at, max_uses, uses, created_at)
                        values (:id, :org, :hash, :purpose, :subject, cast(:payload as jsonb), :expires, :maxUses, 0,
                                :now)""")
                .param("id", id)
                .param("org", organization.value())
                .param("hash", hash)
                .param("purpose", purpose)
                .param("subject", subjectId)
                .param("payload", payloadJson)
                .param("expires", Timestamp.from(expiresAt))
                .param("maxUses", maxUses)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<ActionLink> find(byte[] hash) {
        return jdbc.sql("select * from action_tokens where token_hash = :hash")
                .param("hash", hash)
                .query(this::map)
                .optional();
    }

    /**
     * Counts one use if the token has uses left and has not expired at {@code now}, and returns the link as it is
     * after the use; empty otherwise. The row stays locked until the transaction ends: a concurrent use waits, then
     * sees the new count.
     */
    public Optional<ActionLink> consume(byte[] hash, Instant now) {
        return jdbc.sql("""
                        update action_tokens set uses = uses + 1, last_used_at = :now
                         where token_hash = :hash and uses < max_uses and expires_at > :now
                        returning *""")
                .param("hash", hash)
                .param("now", Timestamp.from(now))
                .query(this::map)
                .optional();
    }

    private ActionLink map(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new ActionLink(
                rs.getObject("id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("purpose"),
                rs.getString("subject_id"),
                json.readValue(rs.getString("payload"), MAP),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getInt("max_uses"),
                rs.getInt("uses"),
                rs.getTimestamp("created_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }
}
