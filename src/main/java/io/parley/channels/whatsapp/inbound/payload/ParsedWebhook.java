package io.parley.channels.whatsapp.inbound.payload;

import io.parley.templates.TemplateStatusChange;
import java.util.List;

/**
 * Everything one WhatsApp webhook POST carried, across all entries and changes.
 *
 * @param messages      inbound messages (every element of every {@code value.messages[]})
 * @param statuses      delivery status updates (every element of every {@code value.statuses[]})
 * @param problems      parts that could not be understood (recorded, never fatal for the rest)
 * @param ignoredFields {@code changes[].field} values Parley does not handle yet (e.g. account_update)
 * @param templateStatuses {@code message_template_status_update} changes, not yet authenticated
 */
public record ParsedWebhook(
        List<WaInboundMessage> messages,
        List<WaStatusUpdate> statuses,
        List<WaProblem> problems,
        List<String> ignoredFields,
        List<TemplateStatusChange> templateStatuses) {
    public ParsedWebhook {
        templateStatuses = List.copyOf(templateStatuses);
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        problems = List.copyOf(problems);
        ignoredFields = List.copyOf(ignoredFields);
    }
}
