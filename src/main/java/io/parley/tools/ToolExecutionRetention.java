package io.parley.tools;

import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ages tool execution payloads with the organization's message retention: arguments and results carry what the
 * contact said (a name, an order number), so they are cleared; the tool, status, duration and round stay.
 */
@Service
public class ToolExecutionRetention {
    private final JdbcClient jdbc;

    ToolExecutionRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Clears up to {@code batch} executions' arguments, results and errors before {@code cutoff}; returns how many. */
    @Transactional
    public int clearBefore(OrganizationId organizationId, Instant cutoff, int batch) {
        return jdbc.sql("""
                        update tool_executions set arguments = '{}', result = null, error = null
                        where id in (select id from tool_executions
                                     where organization_id = :org and created_at < :cutoff
                                       and (arguments <> '{}' or result is not null or error is not null)
                                     limit :batch for update skip locked)""")
                .param("org", organizationId.value())
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }
}
