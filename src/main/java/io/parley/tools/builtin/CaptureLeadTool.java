package io.parley.tools.builtin;

import io.parley.llm.ToolSpec;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code capture_lead}: saves or updates the lead of the person in the conversation, never anyone else's. */
@Component
class CaptureLeadTool implements BuiltinTool {
    static final String NAME = "capture_lead";
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Save the user's sales lead when they show genuine interest. Calling it again updates their lead: given \
            fields replace stored ones, omitted fields are kept. The phone is the user's WhatsApp number; give \
            phone only when the user has none (e.g. web chat) and told you theirs.""", """
            {"type": "object",
             "properties": {
               "name": {"type": "string", "maxLength": 255, "description": "The person's name"},
               "phone": {"type": "string", "maxLength": 50,
                         "description": "The user's own number, international format, e.g. +5215512345678. Omit to use their WhatsApp number."},
               "email": {"type": "string", "maxLength": 255},
               "company": {"type": "string", "maxLength": 255},
               "estimated_messages": {"type": "integer", "minimum": 0, "maximum": 2147483647,
                                      "description": "Messages per month the user expects to need"},
               "notes": {"type": "string", "maxLength": 2000, "description": "Anything else worth knowing"}
             },
             "additionalProperties": false}""");

    private final ContactLead leads;

    CaptureLeadTool(ContactLead leads) {
        this.leads = leads;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public BuiltinResult run(ToolContext context, JsonNode arguments) {
        LeadRepository.Fields fields = new LeadRepository.Fields(
                Arguments.text(arguments, "name"),
                Arguments.email(Arguments.text(arguments, "email")),
                Arguments.text(arguments, "company"),
                Arguments.integer(arguments, "estimated_messages"),
                Arguments.text(arguments, "notes"));
        Lead lead = leads.capture(context, Arguments.text(arguments, "phone"), fields, NAME);
        boolean created = lead.contactCount() == 1;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", created ? "created" : "updated");
        result.put("lead", lead.forModel());
        result.put(
                "message",
                created
                        ? "Lead saved. A representative can follow up with this person."
                        : "Lead updated. This lead has now been captured " + lead.contactCount() + " times.");
        return BuiltinResult.of(result);
    }
}
