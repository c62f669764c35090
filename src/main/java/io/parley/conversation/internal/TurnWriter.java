package io.parley.conversation.internal;

import io.parley.agent.AgentReply;
import io.parley.contacts.Contact;
import io.parley.conversation.EngineConflict;
import io.parley.conversation.EngineTurn;
import io.parley.conversation.Owner;
import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.NewMessage;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.delivery.Deliveries;
import io.parley.delivery.OutboundContent;
import io.parley.delivery.OutboundRequest;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.MessageId;
import io.parley.platform.SessionId;
import io.parley.platform.TurnId;
import io.parley.usage.PriceCatalog;
import io.parley.usage.UsageLedger;
import io.parley.usage.UsageRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a turn's result in one transaction: the turn row, the "answered" mark on the messages it answered, the
 * reply, its outbox row and the usage record. The answered mark is the idempotency guard: if the messages were
 * already answered (this turn ran before and committed, then the node died), the transaction rolls back and
 * nothing is written twice.
 */
@Component
class TurnWriter {
    private final ConversationRepository repository;
    private final Deliveries deliveries;
    private final UsageLedger usage;
    private final PriceCatalog prices;
    private final TransactionTemplate transactions;
    private final TurnSessions sessions;
    private final Recipients recipients;
    private final LongReplies longReplies;
    private final SystemEvents events;
    private final Clock clock;

    TurnWriter(
            ConversationRepository repository,
            Deliveries deliveries,
            UsageLedger usage,
            PriceCatalog prices,
            TransactionTemplate transactions,
            TurnSessions sessions,
            Recipients recipients,
            LongReplies longReplies,
            SystemEvents events,
            Clock clock) {
        this.events = events;
        this.recipients = recipients;
        this.longReplies = longReplies;
        this.repository = repository;
        this.deliveries = deliveries;
        this.usage = usage;
        this.prices = prices;
        this.transactions = transactions;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Returns false when another run already answered these messages. */
    boolean complete(
            ConversationRow conversation,
            Contact contact,
            List<StoredMessage> answered,
            AgentReply reply,
            String outcome,
            Instant startedAt) {
        return inTransaction(() -> {
            UUID turnId = UUID.randomUUID();
            Instant now = clock.instant();
            // The conversation is locked (and its last activity moved) first, as the ingest path does.
            SessionId session = sessions.forReply(conversation.id(), answered, now);
            repository.insertTurn(
                    turnId,
                    conversation.organizationId(),
                    conversation.id(),
                    outcome,
                    reply.provider(),
                    reply.model(),
                    reply.fallbackReason(),
                    startedAt,
                    session,
                    sessions.promptJson(reply.prompt()));
            if (repository.markAnswered(answered.stream().map(StoredMessage::id).toList(), turnId) == 0) {
                throw new AlreadyAnswered();
            }
            reply(conversation, contact, reply.text(), turnId, session, now);
            usage.record(new UsageRecord(
                    conversation.organizationId(),
                    conversation.chatbotId(),
                    conversation.contactId(),
                    conversation.id(),
                    new TurnId(turnId),
                    reply.provider(),
                    reply.model(),
                    reply.tokensIn(),
                    reply.tokensOut(),
                    prices.cost(reply.provider(), reply.model(), reply.tokensIn(), reply.tokensOut())
                            .orElse(null),
                    session));
            if (reply.handover()) {
                // The same transaction that sends the handover message makes the bot fall silent.
                repository.setOwner(conversation.id(), "human");
                handoverRequested(conversation, "agent");
            }
        });
    }

    /** How an engine's turn ended in the database. */
    enum EngineWrite {
        WRITTEN,
        ALREADY_ANSWERED,
        CONFLICT
    }

    /**
     * Writes a {@link TurnEngine}'s turn: the turn row, the answered mark, the engine's own writes
     * ({@link EngineTurn#commit()}), its messages with their outbox rows, and the handover, in one transaction.
     */
    EngineWrite completeEngine(
            ConversationRow conversation,
            Contact contact,
            List<StoredMessage> answered,
            EngineTurn turn,
            Instant startedAt) {
        try {
            boolean written = inTransaction(() -> {
                UUID turnId = UUID.randomUUID();
                Instant now = clock.instant();
                SessionId session = sessions.forReply(conversation.id(), answered, now);
                repository.insertTurn(
                        turnId,
                        conversation.organizationId(),
                        conversation.id(),
                        turn.outcome(),
                        null,
                        null,
                        turn.fallbackReason(),
                        startedAt,
                        session,
                        null);
                if (repository.markAnswered(
                                answered.stream().map(StoredMessage::id).toList(), turnId)
                        == 0) {
                    throw new AlreadyAnswered();
                }
                EngineTurn.Output output = turn.commit().write();
                String recipient = recipients.of(conversation.channel(), contact);
                for (OutboundContent content : output.messages()) {
                    send(conversation, recipient, content, turnId, session, now);
                }
                if (output.handover()) {
                    repository.setOwner(conversation.id(), "human");
                    handoverRequested(conversation, "engine");
                }
            });
            return written ? EngineWrite.WRITTEN : EngineWrite.ALREADY_ANSWERED;
        } catch (EngineConflict e) {
            return EngineWrite.CONFLICT;
        }
    }

    /** Staff notifications (issue 17) start from this event, recorded with the handover it announces. */
    private void handoverRequested(ConversationRow conversation, String by) {
        events.record(SystemEvent.of(SystemEvent.Level.INFO, "conversation.handover_requested")
                .organization(conversation.organizationId())
                .chatbot(conversation.chatbotId())
                .conversation(conversation.id())
                .with("by", by)
                .build());
    }

    private void send(
            ConversationRow conversation,
            String recipient,
            OutboundContent content,
            UUID turnId,
            SessionId session,
            Instant now) {
        if (content instanceof OutboundContent.Text text) {
            for (String part : longReplies.parts(conversation, text.text())) {
                write(conversation, recipient, new OutboundContent.Text(part), turnId, session, now);
            }
            return;
        }
        write(conversation, recipient, content, turnId, session, now);
    }

    private void write(
            ConversationRow conversation,
            String recipient,
            OutboundContent content,
            UUID turnId,
            SessionId session,
            Instant now) {
        MessageId replyId = new MessageId(UUID.randomUUID());
        repository.insertReply(
                new NewMessage(
                        replyId,
                        conversation.organizationId(),
                        conversation.id(),
                        "assistant",
                        content.wireType(),
                        content.transcript(),
                        null,
                        null,
                        null,
                        null,
                        false,
                        now),
                turnId,
                session);
        deliveries.enqueue(new OutboundRequest(
                conversation.organizationId(),
                conversation.id(),
                replyId,
                conversation.channelAccountId(),
                conversation.channel(),
                recipient,
                content,
                null,
                io.parley.delivery.Lane.CONVERSATIONAL,
                null,
                null));
    }

    /**
     * Answers without calling the model (a limit was reached, a message was too long): no usage is recorded.
     *
     * @param text null to stay silent
     */
    boolean refuse(
            ConversationRow conversation,
            Contact contact,
            List<StoredMessage> messages,
            String text,
            String reason,
            Instant startedAt) {
        return inTransaction(() -> {
            UUID turnId = UUID.randomUUID();
            if (text == null) {
                repository.insertTurn(
                        turnId,
                        conversation.organizationId(),
                        conversation.id(),
                        "skipped",
                        null,
                        null,
                        reason,
                        startedAt);
                if (repository.markAnswered(
                                messages.stream().map(StoredMessage::id).toList(), turnId)
                        == 0) {
                    throw new AlreadyAnswered();
                }
                sessions.silent(conversation.id(), turnId, messages);
                return;
            }
            Instant now = clock.instant();
            SessionId session = sessions.forReply(conversation.id(), messages, now);
            repository.insertTurn(
                    turnId,
                    conversation.organizationId(),
                    conversation.id(),
                    "fallback",
                    null,
                    null,
                    reason,
                    startedAt,
                    session,
                    null);
            if (repository.markAnswered(messages.stream().map(StoredMessage::id).toList(), turnId) == 0) {
                throw new AlreadyAnswered();
            }
            reply(conversation, contact, text, turnId, session, now);
        });
    }

    /**
     * One message per part the channel needs (a long reply is split or cut by {@link LongReplies}), each written
     * with its turn and session, and its outbox row. The conversation's last activity was moved when it was locked.
     */
    private void reply(
            ConversationRow conversation, Contact contact, String text, UUID turnId, SessionId session, Instant now) {
        String recipient = recipients.of(conversation.channel(), contact);
        for (String part : longReplies.parts(conversation, text)) {
            write(conversation, recipient, new OutboundContent.Text(part), turnId, session, now);
        }
    }

    /** Marks messages handled without a bot reply (a human owns the conversation). */
    boolean skip(ConversationRow conversation, List<StoredMessage> messages, Instant startedAt) {
        return skip(
                conversation,
                messages,
                startedAt,
                "owner_" + conversation.owner().wireName(),
                conversation.owner() == Owner.HUMAN);
    }

    /** Marks messages handled without a bot reply, for {@code reason} (the turn's fallback reason). */
    boolean skip(ConversationRow conversation, List<StoredMessage> messages, Instant startedAt, String reason) {
        return skip(conversation, messages, startedAt, reason, false);
    }

    /** {@code waiting}: a person owns the conversation, so the messages wait for them ({@code conversation.waiting}). */
    private boolean skip(
            ConversationRow conversation,
            List<StoredMessage> messages,
            Instant startedAt,
            String reason,
            boolean waiting) {
        return inTransaction(() -> {
            UUID turnId = UUID.randomUUID();
            repository.insertTurn(
                    turnId, conversation.organizationId(), conversation.id(), "skipped", null, null, reason, startedAt);
            if (repository.markAnswered(messages.stream().map(StoredMessage::id).toList(), turnId) == 0) {
                throw new AlreadyAnswered();
            }
            sessions.silent(conversation.id(), turnId, messages);
            if (waiting) {
                events.record(SystemEvent.of(SystemEvent.Level.INFO, "conversation.waiting")
                        .organization(conversation.organizationId())
                        .chatbot(conversation.chatbotId())
                        .conversation(conversation.id())
                        .with("messages", messages.size())
                        .build());
            }
        });
    }

    private boolean inTransaction(Runnable work) {
        try {
            transactions.executeWithoutResult(status -> work.run());
            return true;
        } catch (AlreadyAnswered e) {
            return false;
        }
    }

    private static final class AlreadyAnswered extends RuntimeException {
        AlreadyAnswered() {
            super(null, null, false, false);
        }
    }
}
