package io.parley.outreach.internal;

import io.parley.delivery.OutboundContent;
import io.parley.outreach.BroadcastResult;
import io.parley.outreach.Broadcasts;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.IdempotencyKey;
import io.parley.platform.Ids;
import java.util.List;
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

    /** @param channelId optional: send through this channel of the chatbot (it must allow proactive messages) */
    record BroadcastRequest(
            List<String> contacts,
            MessageBodies.Message message,
            OutboundContent.Template template,
            String channelId) {}

    @PostMapping("/api/v1/chatbots/{botId}/broadcasts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    BroadcastResult broadcast(
            @PathVariable String botId,
            @RequestBody(required = false) BroadcastRequest body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        ChatbotId chatbot = Ids.parse(botId, "chatbot", ChatbotId::new);
        IdempotencyKey key = IdempotencyKey.fromHeader(idempotencyKey);
        return broadcasts.send(
                chatbot,
                body == null ? null : body.contacts(),
                body == null
                        ? MessageBodies.content(null, null)
                        : MessageBodies.content(body.message(), body.template()),
                key,
                body == null || body.channelId() == null
                        ? null
                        : Ids.parse(body.channelId(), "channel", ChannelAccountId::new));
    }
}
