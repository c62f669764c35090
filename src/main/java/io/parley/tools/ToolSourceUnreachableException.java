package io.parley.tools;

import io.parley.platform.ParleyException;
import java.util.Map;

/** Discovery failed while registering or refreshing a source: nothing was stored or changed (422). */
public class ToolSourceUnreachableException extends ParleyException {
    public ToolSourceUnreachableException(String reason) {
        super(
                "tool_source_unreachable",
                "The tool source could not be reached or answered unexpectedly: " + reason,
                Map.of("reason", reason),
                null);
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
