package io.parley.conversation.internal;

import io.parley.conversation.Conversations;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryView;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.MessageId;
import io.parley.platform.web.Actor;
import io.parley.platform.web.RequiresRole;
import io.parley.platform.web.Role;
import io.parley.tenancy.ApiKeyId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What a person does with a conversation: take it over from the bot, write to the contact, give it back. */
@RestController
@RequiresRole(Role.AGENT)
@RequestMapping("/api/v1/conversations/{conversationId}")
class ConversationActionsController {
    private final Conversations conversations;
    private final Deliveries deliveries;

    ConversationActionsController(Conversations conversations, Deliveries deliveries) {
        this.conversations = conversations;
        this.deliveries = deliveries;
    }

    /** Exactly one of text, template, media, interactive (only text can be sent today). */
    record AgentMessage(String text, Map<String, Object> template, Map<String, Object> media,
                        Map<String, Object> interactive) {
    }

    record Queued(UUID id, String status) {
    }

    /** The bot stays silent from now on; customer messages wait for a person. */
    @PostMapping("/handover")
    ConversationController.ConversationView handOver(@PathVariable String conversationId) {
        return ConversationController.ConversationView.of(conversations.handOver(id(conversationId)));
    }

    /** The bot answers again, starting with the next customer message. */
    @PostMapping("/handback")
    ConversationController.ConversationView handBack(@PathVariable String conversationId) {
        return ConversationController.ConversationView.of(conversations.handBack(id(conversationId)));
    }

    /**
     * A person's message to the contact, sent through the same delivery path as the bot's replies. With an
     * {@code Idempotency-Key}, the same key again answers the same id (and its current status) without sending.
     */
    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Queued send(@PathVariable String conversationId, @RequestBody(required = false) AgentMessage body,
                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (body != null && body.text() == null
                && (body.template() != null || body.media() != null || body.interactive() != null)) {
            throw new InvalidRequestException("message_type_not_supported",
                    "Only text messages can be sent yet; template, media and interactive messages are not supported");
        }
        if (body == null || body.text() == null) {
            throw new InvalidRequestException("validation_failed", "text is required");
        }
        ApiKeyId apiKey = Actor.current().filter(actor -> actor.type() == Actor.Type.API_KEY)
                .map(actor -> new ApiKeyId(UUID.fromString(actor.id()))).orElse(null);
        MessageId id = conversations.sendAgentMessage(id(conversationId), body.text(), idempotencyKey, apiKey);
        DeliveryView delivery = deliveries.forMessages(List.of(id)).get(id);
        return new Queued(id.value(), delivery == null ? "queued" : delivery.status().wireName());
    }

    private static ConversationId id(String value) {
        return Ids.parse(value, "conversation", ConversationId::new);
    }
}
