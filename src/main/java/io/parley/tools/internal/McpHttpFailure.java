package io.parley.tools.internal;

import java.io.IOException;

/** A failure of the MCP HTTP transport, in Parley's words only (status and classification, never the server's). */
final class McpHttpFailure extends IOException {
    /** The transport's read timeout fired; {@link McpToolSourceClient} words it with the configured timeout. */
    static final String NO_ANSWER_IN_TIME = "the server did not answer in time";

    McpHttpFailure(String message) {
        super(message);
    }

    McpHttpFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
