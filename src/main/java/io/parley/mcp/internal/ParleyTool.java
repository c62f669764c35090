package io.parley.mcp.internal;

import io.parley.access.Caller;

/**
 * One tool of Parley's MCP server, independent of the SDK: what it is called, its JSON input schema and what it
 * does for a caller. The handler returns a JSON-serialisable object or throws {@link ToolError}.
 */
record ParleyTool(String name, String description, String inputSchema, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Object call(Caller caller, Arguments arguments);
    }
}
