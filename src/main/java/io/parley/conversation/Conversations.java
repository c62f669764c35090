package io.parley.conversation;

import io.parley.access.ApiKeyId;
import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.internal.AgentMessageSender;
import io.parley.conversation.internal.ConversationRepository;
import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.NewMessage;
import io.parley.conversation.internal.ConversationRepository.Received;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.conversation.internal.InboundThrottle;
import io.parley.conversation.internal.QuietWindow;
import io.parley.conversation.internal.SessionPlacer;
import io.parley.conversation.internal.TurnJob;
import io.parley.delivery.Deliveries;
import io.parley.delivery.DeliveryView;
import io.parley.delivery.OutboundContent;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.IdempotencyKey;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.MessageId;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.SessionId;
import io.parley.platform.channel.Channels;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Service
@EnableConfigurationProperties(ConversationProperties.class)
public class Conversations {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ConversationRepository repository;
    private final Contacts contacts;
    private final Deliveries deliveries;
    private final Jobs jobs;
    private final AgentMessageSender sender;
    private final InboundThrottle throttle;
    private final SessionPlacer sessions;
    private final QuietWindow quiet;
    private final Clock clock;
    private final JsonMapper json;

    private final Channels channels;

    Conversations(
            ConversationRepository repository,
            Contacts contacts,
            Deliveries deliveries,
            Jobs jobs,
            AgentMessageSender sender,
            InboundThrottle throttle,
            SessionPlacer sessions,
            QuietWindow quiet,
            Clock clock,
            JsonMapper json,
            Channels channels) {
        this.channels = channels;
        this.repository = repository;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.sender = sender;
        this.throttle = throttle;
        this.sessions = sessions;
        this.quiet = quiet;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Stores an inbound message and schedules its conversation's turn, in the caller's transaction: after the first
     * quiet window, or at once when the sender waits for the reply ({@link QuietWindow}, ADR 49). Receiving
     * the same provider message again stores nothing and schedules nothing. A message over the inbound rate limits
     * is stored but starts no turn.
     */
    @Transactional
    public Receipt receive(InboundMessage message) {
        ContactId contactId = contacts.resolve(
                        message.organizationId(),
                        message.chatbotId(),
                        message.identities(),
                        message.trust(),
                        message.profileName(),
                        clock.instant())
                .id();
        return receive(message, contactId);
    }

    /**
     * Like {@link #receive(InboundMessage)} for a channel that resolved the sender with {@code Contacts.resolve}
     * itself, earlier in this transaction (the client API scopes its request ids by contact before storing).
     */
    @Transactional
    public Receipt receive(InboundMessage message, ContactId contactId) {
        Instant now = clock.instant();
        MessageId messageId = new MessageId(UUID.randomUUID());
        NewMessage stored = new NewMessage(
                messageId,
                message.organizationId(),
                null,
                "user",
                message.type(),
                message.text(),
                json.writeValueAsString(message.details()),
                message.providerMessageId(),
                message.contextMessageId(),
                message.providerTimestamp(),
                message.needsReply(),
                now);
        Optional<ConversationId> conversation = repository.receive(new Received(
                message.organizationId(),
                message.chatbotId(),
                contactId,
                message.channelAccountId(),
                message.channel(),
                message.providerMessageId(),
                stored,
                channels.capabilities(message.channel()).serviceWindow().orElse(null),
                message.senderWaits(),
                quiet.burstGap()));
        if (conversation.isEmpty()) {
            return Receipt.ofDuplicate();
        }
        boolean throttled =
                message.needsReply() && throttle.throttled(message, contactId, conversation.get(), messageId, now);
        SessionId session = sessions.placeInbound(conversation.get(), now, message.newSession());
        if (message.needsReply() && !throttled) {
            Instant due = quiet.firstCheck(now, message.senderWaits());
            if (message.senderWaits()) {
                jobs.scheduleNoLaterThan(TurnJob.TASK, conversation.get().toString(), due);
            } else {
                jobs.scheduleIfAbsent(TurnJob.TASK, conversation.get().toString(), due);
            }
        }
        return new Receipt(false, conversation.get(), messageId, throttled, session);
    }

    /**
     * Sends a message written by a person (an agent in a dashboard or an MCP client) through the normal delivery
     * path. It does not change who owns the conversation.
     */
    @Transactional
    public MessageId sendAgentMessage(ConversationId id, String text) {
        return sendAgentMessage(id, text, null, null);
    }

    /**
     * Like {@link #sendAgentMessage(ConversationId, String)}, once per {@code idempotencyKey} (unique per
     * organization): the same key again answers the first message's id without sending; the same key for another
     * text or conversation is a conflict. A message sent with an organization API key ({@code apiKey} not null) is
     * recorded in the usage ledger against that key, once.
     */
    @Transactional
    public MessageId sendAgentMessage(ConversationId id, String text, IdempotencyKey idempotencyKey, ApiKeyId apiKey) {
        return sendAgentMessage(id, new OutboundContent.Text(text), null, idempotencyKey, apiKey);
    }

    /**
     * A person's message of any kind ({@link OutboundContent}), validated before anything is stored, optionally in
     * reply to {@code replyTo} (our message id of this conversation, or a wamid). The transcript shows its text
     * rendering. Idempotency as for text: the key covers the whole content and {@code replyTo}.
     */
    @Transactional
    public MessageId sendAgentMessage(
            ConversationId id,
            OutboundContent content,
            String replyTo,
            IdempotencyKey idempotencyKey,
            ApiKeyId apiKey) {
        ConversationRow conversation = repository.find(id).orElseThrow(() -> notFound(id));
        return sender.send(conversation, content, replyTo, idempotencyKey, apiKey);
    }

    /**
     * The replies of the turn that answered {@code inbound} (a contact's message of this conversation), oldest
     * first: empty while no turn answered it; an empty list when the turn answered without a reply (a person owns
     * the conversation, the chatbot is paused).
     */
    public Optional<List<MessageEntry>> replies(ConversationId conversation, MessageId inbound) {
        return repository
                .answeringTurn(conversation, inbound)
                .map(turn -> turn.map(id -> repository.repliesOfTurn(conversation, id).stream()
                                .map(m -> entry(m, null))
                                .toList())
                        .orElse(List.of()));
    }

    /** Up to {@code limit} messages after {@code after} (null or another conversation's id: from the first). */
    public List<MessageEntry> messagesAfter(ConversationId conversation, MessageId after, int limit) {
        return repository.messagesAfter(conversation, after, Math.max(1, Math.min(limit, 1000))).stream()
                .map(m -> entry(m, null))
                .toList();
    }

    /** The contact's messages the turn that wrote {@code reply} answered; empty for a message no turn wrote. */
    public List<MessageId> answeredWith(MessageId reply) {
        return repository.answeredWith(reply);
    }

    /** A person takes over: the bot stays silent until {@link #handBack}. Returns the updated conversation. */
    @Transactional
    public ConversationSummary handOver(ConversationId id) {
        return setOwner(id, Owner.HUMAN);
    }

    @Transactional
    public ConversationSummary handBack(ConversationId id) {
        return setOwner(id, Owner.BOT);
    }

    public List<ConversationSummary> listByOrganization(OrganizationId organizationId, int limit) {
        return summaries(repository.listByOrganization(organizationId, Math.max(1, Math.min(limit, 500))));
    }

    /** A message found by {@link #search}. */
    public record Found(ConversationId conversationId, MessageEntry message) {}

    /** Messages containing {@code text}; only the organization's when {@code organizationId} is given. */
    public List<Found> search(OrganizationId organizationId, String text, int limit) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("validation_failed", "query must not be blank");
        }
        return repository.search(organizationId, text.strip(), Math.max(1, Math.min(limit, 200))).stream()
                .map(hit -> new Found(hit.conversationId(), entry(hit.message(), null)))
                .toList();
    }

    private ConversationSummary setOwner(ConversationId id, Owner owner) {
        if (repository.setOwner(id, owner.wireName()) == 0) {
            throw notFound(id);
        }
        return get(id);
    }

    public ConversationSummary get(ConversationId id) {
        ConversationRow row = repository.find(id).orElseThrow(() -> notFound(id));
        return summaries(List.of(row)).getFirst();
    }

    /** The conversation only if it belongs to {@code organizationId}; another tenant's id is simply not found. */
    public ConversationSummary getInOrganization(OrganizationId organizationId, ConversationId id) {
        ConversationSummary summary = get(id);
        if (!summary.organizationId().equals(organizationId)) {
            throw notFound(id);
        }
        return summary;
    }

    public List<ConversationSummary> list(ChatbotId chatbotId, int limit) {
        return summaries(repository.listByChatbot(chatbotId, Math.max(1, Math.min(limit, 500))));
    }

    /** The newest {@code limit} messages with their delivery state, oldest first. */
    public List<MessageEntry> messages(ConversationId id, int limit) {
        repository.find(id).orElseThrow(() -> notFound(id));
        List<StoredMessage> stored = repository.recentMessages(id, Math.max(1, Math.min(limit, 1000)));
        Map<MessageId, DeliveryView> delivery =
                deliveries.forMessages(stored.stream().map(StoredMessage::id).toList());
        return stored.stream().map(m -> entry(m, delivery.get(m.id()))).toList();
    }

    private MessageEntry entry(StoredMessage m, DeliveryView delivery) {
        return new MessageEntry(
                m.id(),
                m.sequence(),
                m.role(),
                m.type(),
                m.content(),
                m.detailsJson() == null ? Map.of() : json.readValue(m.detailsJson(), MAP),
                m.providerMessageId(),
                m.createdAt(),
                delivery,
                m.sessionId());
    }

    private List<ConversationSummary> summaries(List<ConversationRow> rows) {
        Map<ContactId, Contact> found =
                contacts.findAll(rows.stream().map(ConversationRow::contactId).toList());
        return rows.stream()
                .map(r -> new ConversationSummary(
                        r.id(),
                        r.organizationId(),
                        r.chatbotId(),
                        r.channelAccountId(),
                        r.channel(),
                        found.get(r.contactId()),
                        r.owner(),
                        r.lastMessageAt(),
                        r.createdAt()))
                .toList();
    }

    private static NotFoundException notFound(ConversationId id) {
        return new NotFoundException("conversation_not_found", "No conversation with id '" + id + "'");
    }

    /**
     * Retention: forgets the provider event ids kept to drop redelivered webhooks, for events received before
     * {@code cutoff} (providers stop redelivering long before); returns how many.
     */
    @Transactional
    public int forgetInboundEventsBefore(java.time.Instant cutoff) {
        return repository.deleteInboundEventsBefore(java.util.Objects.requireNonNull(cutoff, "cutoff"));
    }
}
