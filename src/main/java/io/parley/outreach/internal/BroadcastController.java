package io.parley.outreach.internal;

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

    record BroadcastRequest(List<String> contacts, Message message, Map<String, Object> template) {
    }

    @PostMapping("/api/v1/chatbots/{botId}/broadcasts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    BroadcastResult broadcast(@PathVariable String botId, @RequestBody(required = false) BroadcastRequest body,
                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ChatbotId chatbot = Ids.parse(botId, "chatbot", ChatbotId::new);
        return broadcasts.send(chatbot, body == null ? null : body.contacts(), MessageBodies.text(
                body == null ? null : body.message(), body == null ? null : body.template()), idempotencyKey);
    }

    /** Shared with campaigns: text only until structured outbound content (templates) is merged. */
    static final class MessageBodies {
        private MessageBodies() {
        }

        static String text(Message message, Map<String, Object> template) {
            if (template != null) {
                throw new InvalidRequestException("message_type_not_supported",
                        "Only text messages can be broadcast yet; templates are not supported");
            }
            if (message == null || message.text() == null) {
                throw new InvalidRequestException("validation_failed", "message.text is required");
            }
            return message.text();
        }
    }
}
