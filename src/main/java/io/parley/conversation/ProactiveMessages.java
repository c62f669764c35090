package io.parley.conversation;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.internal.ConversationRepository;
import io.parley.conversation.internal.ConversationRepository.NewMessage;
import io.parley.conversation.internal.PilotGate;
import io.parley.conversation.internal.ProactiveConversations;
import io.parley.conversation.internal.Recipients;
import io.parley.conversation.internal.SessionPlacer;
import io.parley.delivery.Deliveries;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.delivery.OutboundRequest;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.channel.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages the business starts (broadcasts, campaigns, test messages): stored in the contact's conversation on the
 * channel account (created if the contact never wrote) as an {@code agent} message, and queued on the given lane,
 * once per idempotency key.
 */
@Service
public class ProactiveMessages {
    private final ConversationRepository messages;
    private final ProactiveConversations conversations;
    private final SessionPlacer sessions;
    private final Contacts contacts;
    private final Deliveries deliveries;
    private final Recipients recipients;
    private final PilotGate pilot;
    private final Clock clock;
    private final JsonMapper json;

    ProactiveMessages(
            ConversationRepository messages,
            ProactiveConversations conversations,
            SessionPlacer sessions,
            Contacts contacts,
            Deliveries deliveries,
            Recipients recipients,
            PilotGate pilot,
            Clock clock,
            JsonMapper json) {
        this.pilot = pilot;
        this.recipients = recipients;
        this.messages = messages;
        this.conversations = conversations;
        this.sessions = sessions;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.clock = clock;
        this.json = json;
    }

    /**
     * @param idempotencyKey unique per organization; a second send with it queues nothing
     * @param details        stored with the message (e.g. {@code {"source": "broadcast", "broadcastId": …}})
     */
    public record Proactive(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            ContactId contactId,
            OutboundContent content,
            Lane lane,
            String idempotencyKey,
            Map<String, Object> details) {
        public Proactive {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(lane, "lane");
            Objects.requireNonNull(content, "content");
        }

        /** A text message. */
        public Proactive(
                OrganizationId organizationId,
                ChatbotId chatbotId,
                ChannelAccountId channelAccountId,
                ChannelType channel,
                ContactId contactId,
                String text,
                Lane lane,
                String idempotencyKey,
                Map<String, Object> details) {
            this(
                    organizationId,
                    chatbotId,
                    channelAccountId,
                    channel,
                    contactId,
                    new OutboundContent.Text(text),
                    lane,
                    idempotencyKey,
                    details);
        }
    }

    public record Queued(ConversationId conversationId, MessageId messageId, OutboundMessageId outboundId) {}

    /**
     * Queues the message in the caller's transaction; empty if its idempotency key was used before. A contact the
     * chatbot's pilot mode does not allow gets nothing: the refusal is recorded as an event and thrown without
     * marking the caller's transaction for rollback, so a campaign can skip the contact and go on.
     *
     * @throws PilotBlockedException before anything is stored, when pilot mode refuses the contact
     */
    @Transactional(noRollbackFor = PilotBlockedException.class)
    public Optional<Queued> send(Proactive p) {
        if (deliveries.lockAndFind(p.organizationId(), p.idempotencyKey()).isPresent()) {
            return Optional.empty();
        }
        Contact contact = contacts.find(p.contactId())
                .orElseThrow(() -> new IllegalArgumentException("No contact " + p.contactId()));
        pilot.requireAdmitted(
                p.organizationId(),
                p.chatbotId(),
                null,
                p.channel(),
                contact,
                p.details() == null ? null : p.details().get("source"));
        Instant now = clock.instant();
        ConversationId conversation = conversations.upsert(
                p.organizationId(), p.chatbotId(), p.contactId(), p.channelAccountId(), p.channel(), now);
        MessageId messageId = new MessageId(UUID.randomUUID());
        messages.insertMessage(new NewMessage(
                messageId,
                p.organizationId(),
                conversation,
                "agent",
                p.content().wireType(),
                p.content().transcript(),
                p.details() == null ? null : json.writeValueAsString(p.details()),
                null,
                null,
                null,
                false,
                now));
        sessions.placeOutbound(conversation, now);
        OutboundMessageId outbound = deliveries.enqueue(new OutboundRequest(
                p.organizationId(),
                conversation,
                messageId,
                p.channelAccountId(),
                p.channel(),
                recipients.of(p.channel(), contact),
                p.content(),
                null,
                p.lane(),
                p.idempotencyKey(),
                null));
        return Optional.of(new Queued(conversation, messageId, outbound));
    }
}
