package io.parley.access;

import io.parley.access.internal.AuditLog;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Audit rows for changes made outside {@code /api/v1}'s interceptor: the MCP server's write tools are audited like
 * the API's mutations (actor, organization, what was done, to which conversation), so the organization's audit log
 * shows a message sent or a conversation handed over through an MCP client too.
 */
@Service
public class AuditTrail {
    static final String MCP_ROUTE = "/mcp";

    private final AuditLog auditLog;

    AuditTrail(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** A successful MCP tool call that changed {@code conversationId}; the action is the tool's name. */
    public void toolCall(Caller caller, OrganizationId organizationId, String tool, ConversationId conversationId) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(conversationId, "conversationId");
        auditLog.record(
                organizationId,
                caller,
                tool,
                "tools/call",
                MCP_ROUTE,
                Map.of("conversationId", conversationId.toString()),
                200);
    }

    /**
     * A change made in the console ({@code /console}): who, in which organization, what ({@code action}, e.g.
     * {@code login}, {@code handover}, {@code api_key_created}), on which console route, with which answer status.
     * {@code details} name ids only, never content or secrets.
     */
    public void console(
            OrganizationId organizationId,
            Caller caller,
            String action,
            String method,
            String route,
            Map<String, String> details,
            int status) {
        Objects.requireNonNull(action, "action");
        auditLog.record(organizationId, caller, action, method, route, Map.copyOf(details), status);
    }
}
