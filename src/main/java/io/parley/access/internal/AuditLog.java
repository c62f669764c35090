package io.parley.access.internal;

import io.parley.access.Caller;
import io.parley.platform.LogContext;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code audit_log}: who changed what, when. Ids, routes and outcomes only, never request bodies. */
@Component
public class AuditLog {
    static final int MAX_LIMIT = 500;

    public record Entry(
            long id,
            UUID organizationId,
            String actorType,
            String actorId,
            String action,
            String method,
            String route,
            Map<String, Object> pathVariables,
            int status,
            String traceId,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** @param actor null for an anonymous caller (a failed login) */
    public void record(
            OrganizationId organizationId,
            Caller actor,
            String action,
            String method,
            String route,
            Map<String, String> pathVariables,
            int status) {
        jdbc.sql("""
                        insert into audit_log (organization_id, actor_type, actor_id, action, method, route,
                                               path_variables, status, trace_id, created_at)
                        values (:org, :type, :actorId, :action, :method, :route, cast(:vars as jsonb), :status,
                                :trace, :now)""")
                .param("org", organizationId == null ? null : organizationId.value())
                .param("type", actor == null ? "anonymous" : actor.type().wireName())
                .param("actorId", actor == null ? null : actor.id())
                .param("action", action)
                .param("method", method)
                .param("route", route)
                .param("vars", json.writeValueAsString(pathVariables == null ? Map.of() : pathVariables))
                .param("status", status)
                .param("trace", LogContext.currentTraceId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Newest first; {@code before} is the id of the last entry of the previous page. */
    public List<Entry> list(OrganizationId organizationId, Long before, int limit) {
        return jdbc.sql("""
                        select * from audit_log
                        where (cast(:org as uuid) is null or organization_id = :org)
                          and (cast(:before as bigint) is null or id < :before)
                        order by id desc limit :limit""")
                .param("org", organizationId == null ? null : organizationId.value())
                .param("before", before)
                .param("limit", Math.clamp(limit, 1, MAX_LIMIT))
                .query((rs, row) -> new Entry(
                        rs.getLong("id"),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("actor_type"),
                        rs.getString("actor_id"),
                        rs.getString("action"),
                        rs.getString("method"),
                        rs.getString("route"),
                        json.readValue(rs.getString("path_variables"), Map.class),
                        rs.getInt("status"),
                        rs.getString("trace_id"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
