package io.parley.conversation.internal;

import io.parley.access.ApiKeyId;
import io.parley.access.Caller;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.conversation.Conversations;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryView;
import io.parley.delivery.OutboundContent;
import io.parley.platform.ConversationId;
import io.parley.platform.IdempotencyKey;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.MessageId;
import java.util.List;
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

    /**
     * Exactly one of text, template, media, interactive, reaction, location; {@code replyTo} (our message id of
     * this conversation, or a wamid) sends it as a reply in context.
     */
    record AgentMessage(
            String text,
            OutboundContent.Template template,
            OutboundContent.Media media,
            OutboundContent.Interactive interactive,
            OutboundContent.Reaction reaction,
            OutboundContent.Location location,
            String replyTo) {
        OutboundContent content() {
            List<OutboundContent> given = java.util.stream.Stream.<OutboundContent>of(
                            text == null ? null : new OutboundContent.Text(text),
                            template,
                            media,
                            interactive,
                            reaction,
                            location)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            if (given.size() != 1) {
                throw new InvalidRequestException(
                        "validation_failed",
                        "Give exactly one of text, template, media, interactive, reaction, location");
            }
            return given.getFirst();
        }
    }

    record Queued(UUID id, String status) {}

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
    Queued send(
            @PathVariable String conversationId,
            @RequestBody(required = false) AgentMessage body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        if (body == null) {
            throw new InvalidRequestException(
                    "validation_failed", "Give exactly one of text, template, media, interactive, reaction, location");
        }
        ApiKeyId apiKey = Caller.current()
                .filter(actor -> actor.type() == Caller.Type.API_KEY)
                .map(actor -> new ApiKeyId(UUID.fromString(actor.id())))
                .orElse(null);
        MessageId id = conversations.sendAgentMessage(
                id(conversationId), body.content(), body.replyTo(), IdempotencyKey.fromHeader(idempotencyKey), apiKey);
        DeliveryView delivery = deliveries.forMessages(List.of(id)).get(id);
        return new Queued(
                id.value(), delivery == null ? "queued" : delivery.status().wireName());
    }

    private static ConversationId id(String value) {
        return Ids.parse(value, "conversation", ConversationId::new);
    }
}
