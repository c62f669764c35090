package io.parley.tools.builtin;

import io.parley.llm.ToolSpec;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolEffect;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code handover}: asks for a human. The tool only requests it; the turn applies the effect (the conversation
 * goes to staff and the chatbot's handover message is sent).
 */
@Component
class HandoverTool implements BuiltinTool {
    static final String NAME = "handover";
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Hand the conversation to a human team member, when the user asks for a person or you cannot help. \
            After this the assistant stops answering in this conversation.""", """
            {"type": "object",
             "properties": {
               "reason": {"type": "string", "maxLength": 500, "description": "Why a human is needed, for the team"}
             },
             "additionalProperties": false}""");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public BuiltinResult run(ToolContext context, JsonNode arguments) {
        return new BuiltinResult(
                Map.of("handover", true), new ToolEffect.Handover(Arguments.text(arguments, "reason")));
    }
}
