package io.parley.mcp.internal;

/** A tool call that cannot be carried out; its message is returned to the MCP client as the tool's error text. */
final class ToolError extends RuntimeException {
    ToolError(String message) {
        super(message, null, false, false);
    }
}
