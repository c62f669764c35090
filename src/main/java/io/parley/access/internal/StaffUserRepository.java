package io.parley.access.internal;

import io.parley.access.Role;
import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
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
public class StaffUserRepository {
    /** A user with the hash of their password, for sign-in only. */
    public record WithPassword(StaffUser user, String passwordHash) {}

    private final JdbcClient jdbc;

    StaffUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the user; false when the email (in any case) is taken. */
    public boolean insert(StaffUser user, String passwordHash) {
        return jdbc.sql("""
                        insert into staff_users (id, organization_id, email, name, role, password_hash, disabled,
                                                 created_at, updated_at, phone)
                        values (:id, :org, :email, :name, :role, :hash, false, :now, :now, :phone)
                        on conflict do nothing""")
                        .param("id", user.id().value())
                        .param("org", user.organizationId().value())
                        .param("email", user.email())
                        .param("name", user.name())
                        .param("role", user.role().wireName())
                        .param("hash", passwordHash)
                        .param("now", Timestamp.from(user.createdAt()))
                        .param("phone", user.phone())
                        .update()
                == 1;
    }

    public List<StaffUser> list(OrganizationId organizationId) {
        return jdbc.sql("select * from staff_users where organization_id = :org order by created_at, id")
                .param("org", organizationId.value())
                .query(StaffUserRepository::map)
                .list();
    }

    public Optional<StaffUser> find(OrganizationId organizationId, StaffUserId id) {
        return jdbc.sql("select * from staff_users where organization_id = :org and id = :id")
                .param("org", organizationId.value())
                .param("id", id.value())
                .query(StaffUserRepository::map)
                .optional();
    }

    public Optional<WithPassword> findByEmail(String email) {
        return jdbc.sql("select * from staff_users where lower(email) = lower(:email)")
                .param("email", email)
                .query((rs, row) -> new WithPassword(map(rs, row), rs.getString("password_hash")))
                .optional();
    }

    /** Locks the organization's active owners (in the caller's transaction) and counts them. */
    public int lockActiveOwners(OrganizationId organizationId) {
        return jdbc.sql("""
                        select id from staff_users
                        where organization_id = :org and role = 'owner' and not disabled for update""")
                .param("org", organizationId.value())
                .query(UUID.class)
                .list()
                .size();
    }

    public void update(StaffUser user, String passwordHashOrNull) {
        jdbc.sql("""
                        update staff_users set name = :name, role = :role, disabled = :disabled, updated_at = :now, phone = :phone,
                               password_hash = coalesce(:hash, password_hash)
                        where organization_id = :org and id = :id""")
                .param("org", user.organizationId().value())
                .param("id", user.id().value())
                .param("name", user.name())
                .param("role", user.role().wireName())
                .param("disabled", user.disabled())
                .param("now", Timestamp.from(user.updatedAt()))
                .param("hash", passwordHashOrNull)
                .param("phone", user.phone())
                .update();
    }

    public void delete(OrganizationId organizationId, StaffUserId id) {
        jdbc.sql("delete from staff_users where organization_id = :org and id = :id")
                .param("org", organizationId.value())
                .param("id", id.value())
                .update();
    }

    static StaffUser map(ResultSet rs, int row) throws SQLException {
        return new StaffUser(
                new StaffUserId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("email"),
                rs.getString("name"),
                Role.parse("role", rs.getString("role")),
                rs.getBoolean("disabled"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("phone"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
