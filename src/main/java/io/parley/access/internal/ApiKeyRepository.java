package io.parley.access.internal;

import io.parley.access.ApiKey;
import io.parley.access.ApiKeyId;
import io.parley.access.Role;
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

@Repository
public class ApiKeyRepository {
    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ApiKey insert(
            ApiKeyId id,
            OrganizationId organizationId,
            String name,
            String prefix,
            Role role,
            String keyHash,
            Instant now) {
        return jdbc.sql("""
                        insert into api_keys (id, organization_id, name, prefix, role, key_hash, created_at)
                        values (:id, :org, :name, :prefix, :role, :hash, :now) returning *""")
                .param("id", id.value())
                .param("org", organizationId.value())
                .param("name", name)
                .param("role", role.wireName())
                .param("prefix", prefix)
                .param("hash", keyHash)
                .param("now", Timestamp.from(now))
                .query(ApiKeyRepository::map)
                .single();
    }

    public Optional<ApiKey> findActiveByHash(String keyHash) {
        return jdbc.sql("select * from api_keys where key_hash = :hash and revoked_at is null")
                .param("hash", keyHash)
                .query(ApiKeyRepository::map)
                .optional();
    }

    public void touch(ApiKeyId id, Instant now, Instant notSince) {
        jdbc.sql("""
                        update api_keys set last_used_at = :now
                        where id = :id and (last_used_at is null or last_used_at < :notSince)""")
                .param("id", id.value())
                .param("now", Timestamp.from(now))
                .param("notSince", Timestamp.from(notSince))
                .update();
    }

    public List<ApiKey> list(OrganizationId organizationId) {
        return jdbc.sql("select * from api_keys where organization_id = :org order by created_at, id")
                .param("org", organizationId.value())
                .query(ApiKeyRepository::map)
                .list();
    }

    public Optional<ApiKey> find(OrganizationId organizationId, ApiKeyId id) {
        return jdbc.sql("select * from api_keys where organization_id = :org and id = :id")
                .param("org", organizationId.value())
                .param("id", id.value())
                .query(ApiKeyRepository::map)
                .optional();
    }

    public void revoke(OrganizationId organizationId, ApiKeyId id, Instant now) {
        jdbc.sql("""
                        update api_keys set revoked_at = :now
                        where organization_id = :org and id = :id and revoked_at is null""")
                .param("org", organizationId.value())
                .param("id", id.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                new ApiKeyId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("name"),
                rs.getString("prefix"),
                Role.parse("role", rs.getString("role")),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
