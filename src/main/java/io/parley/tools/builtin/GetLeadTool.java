package io.parley.tools.builtin;

import io.parley.llm.ToolSpec;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code get_lead}: what the organization already knows about a phone number, and nothing of other tenants. */
@Component
class GetLeadTool implements BuiltinTool {
    static final String NAME = "get_lead";
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Look up the saved lead for a phone number (default: the user's WhatsApp number), e.g. to greet a \
            returning customer or avoid asking again for details already given.""", """
            {"type": "object",
             "properties": {
               "phone": {"type": "string", "maxLength": 50,
                         "description": "International format, e.g. +5215512345678. Omit to use the user's WhatsApp number."}
             },
             "additionalProperties": false}""");

    private final LeadRepository leads;
    private final CallerPhone callerPhone;

    GetLeadTool(LeadRepository leads, CallerPhone callerPhone) {
        this.leads = leads;
        this.callerPhone = callerPhone;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public BuiltinResult run(ToolContext context, JsonNode arguments) {
        String phone = callerPhone.resolve(context, Arguments.text(arguments, "phone"), NAME);
        return BuiltinResult.of(leads.find(context.organizationId(), phone)
                .<Map<String, Object>>map(lead -> Map.of("found", true, "lead", lead.forModel()))
                .orElseGet(() -> Map.of("found", false)));
    }
}
