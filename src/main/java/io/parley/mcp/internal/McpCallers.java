package io.parley.mcp.internal;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.parley.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Carries the authenticated {@link Caller} from {@link McpAuthFilter} (a request attribute) into tool handlers
 * (the SDK's per-request transport context). Every HTTP request is authenticated on its own: a session id
 * does not carry rights, so a session opened with one key cannot be used with another key's scope.
 */
final class McpCallers {
    static final String ATTRIBUTE = McpCallers.class.getName() + ".caller";
    private static final String KEY = "parley.caller";

    private McpCallers() {}

    static McpTransportContext contextOf(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        return caller instanceof Caller ? McpTransportContext.create(Map.of(KEY, caller)) : McpTransportContext.EMPTY;
    }

    static Caller of(McpSyncServerExchange exchange) {
        Object caller = exchange.transportContext() == null
                ? null
                : exchange.transportContext().get(KEY);
        if (caller instanceof Caller known) {
            return known;
        }
        throw new ToolError("Not authenticated");
    }
}
