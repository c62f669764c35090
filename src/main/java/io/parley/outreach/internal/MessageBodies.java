package io.parley.outreach.internal;

import io.parley.delivery.OutboundContent;
import io.parley.platform.InvalidRequestException;
import java.util.Map;

/**
 * The body of a broadcast or a campaign: exactly one of {@code message} (text) and {@code template} (an approved
 * template, which also reaches people whose 24-hour window is closed).
 */
final class MessageBodies {
    /** What to send as text: {@code {"text": …}}. */
    record Message(String text) {}

    private MessageBodies() {}

    static OutboundContent content(Message message, OutboundContent.Template template) {
        if ((message == null) == (template == null)) {
            throw new InvalidRequestException("validation_failed", "Give exactly one of message and template");
        }
        if (template != null) {
            return template;
        }
        if (message.text() == null) {
            throw new InvalidRequestException(
                    "validation_failed", "message.text is required", Map.of("field", "message.text"));
        }
        return new OutboundContent.Text(message.text());
    }
}
