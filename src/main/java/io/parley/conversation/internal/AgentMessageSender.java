package io.parley.conversation.internal;

import io.parley.access.ApiKeyId;
import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.NewMessage;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryView;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.delivery.OutboundRequest;
import io.parley.platform.IdempotencyKey;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.MessageId;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.channel.ChannelDefinition;
import io.parley.platform.channel.Channels;
import io.parley.templates.MessageTemplates;
import io.parley.usage.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's message of any kind: validated, checked against its Idempotency-Key and the chatbot's pilot mode,
 * written to the transcript as its text rendering (the structured content in {@code details.outbound}) and queued,
 * in the caller's transaction.
 */
@Component
public class AgentMessageSender {
    private final ConversationRepository repository;
    private final Contacts contacts;
    private final Deliveries deliveries;
    private final UsageLedger usage;
    private final MessageTemplates templates;
    private final SessionPlacer sessions;
    private final Channels channels;
    private final Recipients recipients;
    private final PilotGate pilot;
    private final Clock clock;
    private final JsonMapper json;

    AgentMessageSender(
            ConversationRepository repository,
            Contacts contacts,
            Deliveries deliveries,
            UsageLedger usage,
            MessageTemplates templates,
            SessionPlacer sessions,
            Channels channels,
            Recipients recipients,
            PilotGate pilot,
            Clock clock,
            JsonMapper json) {
        this.pilot = pilot;
        this.channels = channels;
        this.recipients = recipients;
        this.repository = repository;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.usage = usage;
        this.templates = templates;
        this.sessions = sessions;
        this.clock = clock;
        this.json = json;
    }

    public MessageId send(
            ConversationRow conversation,
            OutboundContent requested,
            String replyTo,
            IdempotencyKey idempotencyKey,
            ApiKeyId apiKey) {
        OutboundContent content = requested instanceof OutboundContent.Text text && text.text() != null
                ? new OutboundContent.Text(text.text().strip())
                : requested;
        ChannelDefinition channel = channels.definition(conversation.channel());
        content.validateFor(conversation.channel(), channel.capabilities());
        if (content instanceof OutboundContent.Template template) {
            templates.checkSendable(
                    conversation.channelAccountId(),
                    template.name(),
                    template.language(),
                    template.parameters() == null ? 0 : template.parameters().size());
        }
        String key = null;
        String hash = null;
        if (idempotencyKey != null) {
            key = Deliveries.outboxKey(idempotencyKey);
            hash = content instanceof OutboundContent.Text text && replyTo == null
                    ? AgentMessageHash.of(conversation.id(), text.text())
                    : AgentMessageHash.of(
                            conversation.id(),
                            content.wireType() + "\n" + json.writeValueAsString(content) + "\n" + replyTo);
            Optional<Deliveries.Keyed> earlier = deliveries.lockAndFind(conversation.organizationId(), idempotencyKey);
            if (earlier.isPresent()) {
                idempotencyKey.requireSameRequest(earlier.get().requestHash(), hash, "request");
                return earlier.get().messageId();
            }
        }
        Contact contact = contacts.find(conversation.contactId()).orElseThrow();
        pilot.requireAdmitted(conversation.chatbotId(), conversation.channel(), contact);
        String context = replyTo == null ? null : providerId(conversation, channel, "replyTo", replyTo);
        if (content instanceof OutboundContent.Reaction reaction) {
            content = new OutboundContent.Reaction(
                    providerId(conversation, channel, "reaction.messageId", reaction.messageId()), reaction.emoji());
        }
        Instant now = clock.instant();
        MessageId messageId = new MessageId(UUID.randomUUID());
        Map<String, Object> details = new LinkedHashMap<>();
        if (!(content instanceof OutboundContent.Text)) {
            details.put("outbound", Map.of("type", content.wireType(), content.wireType(), content));
        }
        repository.insertMessage(new NewMessage(
                messageId,
                conversation.organizationId(),
                conversation.id(),
                "agent",
                content instanceof OutboundContent.Media media ? media.kind() : content.wireType(),
                content.transcript(),
                details.isEmpty() ? null : json.writeValueAsString(details),
                null,
                context,
                null,
                false,
                now));
        repository.touchConversation(conversation.id(), now);
        sessions.placeOutbound(conversation.id(), now);
        OutboundMessageId outbound = deliveries.enqueue(new OutboundRequest(
                conversation.organizationId(),
                conversation.id(),
                messageId,
                conversation.channelAccountId(),
                conversation.channel(),
                recipients.of(conversation.channel(), contact),
                content,
                context,
                Lane.CONVERSATIONAL,
                key,
                hash));
        if (apiKey != null) {
            usage.recordApiMessage(
                    conversation.organizationId(),
                    conversation.chatbotId(),
                    contact.id(),
                    conversation.id(),
                    apiKey,
                    outbound);
        }
        return messageId;
    }

    /**
     * The provider id of the message referred to: a wamid as given, or our message id of this conversation (its
     * wamid once it has one; web chat needs none).
     */
    private String providerId(ConversationRow conversation, ChannelDefinition channel, String field, String reference) {
        UUID id;
        try {
            id = UUID.fromString(reference);
        } catch (IllegalArgumentException e) {
            if (channel.isProviderMessageId(reference)) {
                return reference;
            }
            throw new InvalidRequestException(
                    "validation_failed",
                    field
                            + " must be a message id of this conversation"
                            + (channel.referencesByProviderId() ? " or a " + channel.type() + " message id" : ""),
                    Map.of("field", field));
        }
        MessageId messageId = new MessageId(id);
        var message = repository
                .findMessage(conversation.id(), messageId)
                .orElseThrow(() -> new InvalidRequestException(
                        "validation_failed", field + " is not a message of this conversation", Map.of("field", field)));
        if (!channel.referencesByProviderId()) {
            return message.id().toString();
        }
        String providerId = message.providerMessageId();
        if (providerId == null) {
            DeliveryView delivery = deliveries.forMessages(List.of(messageId)).get(messageId);
            providerId = delivery == null ? null : delivery.providerMessageId();
        }
        if (providerId == null) {
            throw new InvalidRequestException(
                    "reply_target_not_delivered",
                    field + " refers to a message the channel has not accepted yet",
                    Map.of("field", field));
        }
        return providerId;
    }
}
