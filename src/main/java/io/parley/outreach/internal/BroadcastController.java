package io.parley.outreach.internal;

import io.parley.delivery.OutboundContent;
import io.parley.outreach.BroadcastResult;
import io.parley.outreach.Broadcasts;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/chatbots/{botId}/broadcasts}: admins (the default for a POST). */
@RestController
class BroadcastController {
    private final Broadcasts broadcasts;

    BroadcastController(Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
    }

    /** What to send: {@code {"text": …}}. */
    record Message(String text) {
    }

    record BroadcastRequest(List<String> contacts, Message message, OutboundContent.Template template) {
    }

    @PostMapping("/api/v1/chatbots/{botId}/broadcasts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    BroadcastResult broadcast(@PathVariable String botId, @RequestBody(required = false) BroadcastRequest body,
                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ChatbotId chatbot = Ids.parse(botId, "chatbot", ChatbotId::new);
        return broadcasts.send(chatbot, body == null ? null : body.contacts(), content(body), idempotencyKey);
    }

    /** Exactly one of {@code message} (text) and {@code template} (an approved template, e.g. outside the window). */
    private static OutboundContent content(BroadcastRequest body) {
        if (body == null || (body.message() == null) == (body.template() == null)) {
            throw new InvalidRequestException("validation_failed", "Give exactly one of message and template");
        }
        return body.template() != null ? body.template()
                : new OutboundContent.Text(MessageBodies.text(body.message(), null));
    }

    /** Campaign bodies: text (a campaign's message is stored as text). */
    static final class MessageBodies {
        private MessageBodies() {
        }

        static String text(Message message, Map<String, Object> template) {
            if (template != null) {
                throw new InvalidRequestException("message_type_not_supported",
                        "Campaigns send text messages; use a broadcast for templates");
            }
            if (message == null || message.text() == null) {
                throw new InvalidRequestException("validation_failed", "message.text is required");
            }
            return message.text();
        }
    }
}
