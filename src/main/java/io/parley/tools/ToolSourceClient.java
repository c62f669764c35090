package io.parley.tools;

import io.parley.llm.ToolSpec;
import java.util.List;

/** Talks to one kind of tool source ({@link ToolSource#type()}); one implementation per kind. */
public interface ToolSourceClient {
    /** {@code http} or {@code mcp}. */
    String type();

    /** The tools the source offers now. Throws with a clear message when the source cannot be reached. */
    List<ToolSpec> discover(ToolSource source) throws Exception;

    /**
     * Runs a tool and returns its result as JSON text. Throws on failure; the message is shown to the model, so it
     * must say what went wrong without credentials.
     */
    String call(ToolSource source, String tool, String argumentsJson, ToolContext context) throws Exception;

    /** Releases what the client holds for this source (connections, processes): it was deleted or is refreshed. */
    default void release(ToolSource source) {}
}
