package io.parley.tools;

import io.parley.llm.ToolSpec;
import tools.jackson.databind.JsonNode;

/**
 * A tool implemented inside Parley. Implementations are Spring beans; a chatbot uses one when it is enabled for it
 * ({@code PUT /api/v1/chatbots/{id}/tools}). Arguments arrive already validated against {@link #spec()}'s schema.
 * Throwing is fine: the exception's message becomes the error the model sees.
 */
public interface BuiltinTool {
    ToolSpec spec();

    BuiltinResult run(ToolContext context, JsonNode arguments) throws Exception;

    default String name() {
        return spec().name();
    }
}
