package io.parley.tools.internal;

import java.io.IOException;

/** A failure of the MCP HTTP transport, in Parley's words only (status and classification, never the server's). */
final class McpHttpFailure extends IOException {
    McpHttpFailure(String message) {
        super(message);
    }

    McpHttpFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
