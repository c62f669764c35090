package io.parley.tools.builtin;

import io.parley.llm.ToolSpec;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code capture_lead}: saves or updates the organization's lead for a phone number. */
@Component
class CaptureLeadTool implements BuiltinTool {
    static final String NAME = "capture_lead";
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Save a sales lead when the user shows genuine interest. Calling it again for the same phone updates \
            the lead: given fields replace stored ones, omitted fields are kept. The phone defaults to the user's \
            WhatsApp number.""", """
            {"type": "object",
             "properties": {
               "name": {"type": "string", "maxLength": 255, "description": "The person's name"},
               "phone": {"type": "string", "maxLength": 50,
                         "description": "International format, e.g. +5215512345678. Omit to use the user's WhatsApp number."},
               "email": {"type": "string", "maxLength": 255},
               "company": {"type": "string", "maxLength": 255},
               "estimated_messages": {"type": "integer", "minimum": 0, "maximum": 2147483647,
                                      "description": "Messages per month the user expects to need"},
               "notes": {"type": "string", "maxLength": 2000, "description": "Anything else worth knowing"}
             },
             "additionalProperties": false}""");

    private final LeadRepository leads;
    private final CallerPhone callerPhone;

    CaptureLeadTool(LeadRepository leads, CallerPhone callerPhone) {
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
        LeadRepository.Capture capture = new LeadRepository.Capture(phone, Arguments.text(arguments, "name"),
                Arguments.email(Arguments.text(arguments, "email")), Arguments.text(arguments, "company"),
                Arguments.integer(arguments, "estimated_messages"), Arguments.text(arguments, "notes"));
        Lead lead = leads.capture(context.organizationId(), context.chatbotId(), context.contactId(), capture);
        boolean created = lead.contactCount() == 1;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", created ? "created" : "updated");
        result.put("lead", lead.forModel());
        result.put("message", created ? "Lead saved. A representative can follow up with this person."
                : "Lead updated. This lead has now been captured " + lead.contactCount() + " times.");
        return BuiltinResult.of(result);
    }
}
