package io.parley.tools.builtin;

import io.parley.llm.ToolSpec;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code get_lead}: the lead of the person in the conversation; never another person's, nor another tenant's. */
@Component
class GetLeadTool implements BuiltinTool {
    static final String NAME = "get_lead";
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Look up the user's own saved lead, e.g. to greet a returning customer or avoid asking again for details \
            already given. It cannot look up other people.""", """
            {"type": "object",
             "properties": {
               "phone": {"type": "string", "maxLength": 50,
                         "description": "The user's own number, international format. Usually omitted."}
             },
             "additionalProperties": false}""");

    private final ContactLead leads;

    GetLeadTool(ContactLead leads) {
        this.leads = leads;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public BuiltinResult run(ToolContext context, JsonNode arguments) {
        return BuiltinResult.of(leads.find(context, Arguments.text(arguments, "phone"), NAME)
                .<Map<String, Object>>map(lead -> Map.of("found", true, "lead", lead.forModel()))
                .orElseGet(() -> Map.of("found", false)));
    }
}
