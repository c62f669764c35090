package io.parley.conversation.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.agent.Agent;
import io.parley.agent.AgentReply;
import io.parley.agent.AgentRequest;
import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.ConversationProperties;
import io.parley.conversation.Owner;
import io.parley.conversation.ReplyDeltas;
import io.parley.conversation.TurnEngine;
import io.parley.conversation.TypingIndicator;
import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ConversationId;
import io.parley.platform.LogContext;
import io.parley.platform.MessageId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One turn of a conversation: wait for a burst to pause, then answer every unanswered message at once. Runs
 * inside the conversation's turn job, so never twice at the same time for one conversation. The model call happens
 * outside any transaction; {@link TurnWriter} commits the result.
 */
@Component
class TurnProcessor {
    private static final Logger log = LoggerFactory.getLogger(TurnProcessor.class);

    private final ConversationRepository repository;
    private final TurnWriter writer;
    private final Chatbots chatbots;
    private final Contacts contacts;
    private final Agent agent;
    private final TurnGate gate;
    private final TurnSessions sessions;
    private final SystemEvents events;
    private final Map<ChannelType, TypingIndicator> typing;
    private final ConversationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PausedTurns paused;
    private final ReplyDeltas deltas;
    private final TypingTimer typingTimer;
    private final QuietWindow quiet;
    private final EngineTurns engines;
    private final PilotGate pilot;

    TurnProcessor(
            ConversationRepository repository,
            TurnWriter writer,
            Chatbots chatbots,
            Contacts contacts,
            Agent agent,
            TurnGate gate,
            TurnSessions sessions,
            SystemEvents events,
            List<TypingIndicator> typing,
            ConversationProperties properties,
            Clock clock,
            MeterRegistry meters,
            PausedTurns paused,
            ReplyDeltas deltas,
            TypingTimer typingTimer,
            QuietWindow quiet,
            EngineTurns engines,
            PilotGate pilot) {
        this.engines = engines;
        this.pilot = pilot;
        this.typingTimer = typingTimer;
        this.repository = repository;
        this.writer = writer;
        this.chatbots = chatbots;
        this.contacts = contacts;
        this.agent = agent;
        this.gate = gate;
        this.sessions = sessions;
        this.events = events;
        this.typing = typing.stream().collect(Collectors.toMap(TypingIndicator::channel, Function.identity()));
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.paused = paused;
        this.deltas = deltas;
        this.quiet = quiet;
    }

    /** Runs a turn; returns when the job should run again (a burst still going, or messages that arrived meanwhile). */
    Optional<Instant> process(ConversationId id) {
        Optional<ConversationRow> found = repository.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConversationRow conversation = found.get();
        try (LogContext context = LogContext.open()
                .organization(conversation.organizationId())
                .conversation(conversation.id())
                .channel(conversation.channel())) {
            List<StoredMessage> pending = repository.unanswered(id);
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            Optional<Instant> burstEnd = stillBursting(conversation, pending);
            if (burstEnd.isPresent()) {
                return burstEnd;
            }
            // The trace of the request that brought the burst's first message goes on through the turn.
            context.trace(pending.getFirst().traceId());
            Instant startedAt = clock.instant();
            if (conversation.owner() != Owner.BOT) {
                writer.skip(conversation, pending, startedAt);
            } else if (!pilot.closes(conversation, pending, startedAt)) {
                List<StoredMessage> answerable = paused.answerable(conversation, pending, startedAt);
                if (!answerable.isEmpty()) {
                    answer(conversation, answerable, startedAt);
                }
            }
            return nextRun(conversation, repository.unanswered(id));
        }
    }

    /** After repeated unexpected failures the contact still hears from us: the chatbot's error message. */
    void abandon(ConversationId id, Throwable cause) {
        repository.find(id).ifPresent(conversation -> {
            List<StoredMessage> pending = repository.unanswered(id);
            if (pending.isEmpty()) {
                return;
            }
            Chatbot chatbot = chatbots.get(conversation.chatbotId());
            AgentReply reply = new AgentReply(
                    chatbot.fallbackMessages().error(),
                    AgentReply.Outcome.FALLBACK,
                    "turn_failed",
                    chatbot.model().provider(),
                    chatbot.model().name(),
                    0,
                    0);
            writer.complete(
                    conversation,
                    contacts.find(conversation.contactId()).orElse(null),
                    pending,
                    reply,
                    "failed",
                    clock.instant());
            events.record(SystemEvent.of(SystemEvent.Level.ERROR, "turn.failed")
                    .organization(conversation.organizationId())
                    .chatbot(conversation.chatbotId())
                    .conversation(id)
                    .with("error", cause == null ? null : cause.getClass().getSimpleName())
                    .build());
        });
    }

    /**
     * Messages that came during the turn wait for their own quiet window. The row's burst mark may be older than
     * theirs, so this is the earliest they may be answered; that run looks again.
     */
    private Optional<Instant> nextRun(ConversationRow conversation, List<StoredMessage> later) {
        if (later.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant answerAt = quiet.answerAt(later, conversation.lastBurstAt());
        return Optional.of(answerAt.isAfter(now) ? answerAt : now);
    }

    private Optional<Instant> stillBursting(ConversationRow conversation, List<StoredMessage> pending) {
        Instant answerAt = quiet.answerAt(pending, conversation.lastBurstAt());
        return answerAt.isAfter(clock.instant()) ? Optional.of(answerAt) : Optional.empty();
    }

    private void answer(ConversationRow conversation, List<StoredMessage> pending, Instant startedAt) {
        Timer.Sample sample = Timer.start(meters);
        Chatbot chatbot = chatbots.get(conversation.chatbotId());
        Contact contact = contacts.find(conversation.contactId()).orElse(null);
        Optional<TurnGate.Stop> stop = gate.check(conversation, chatbot, pending);
        if (stop.isPresent()) {
            writer.refuse(
                    conversation,
                    contact,
                    pending,
                    stop.get().text(),
                    stop.get().reason(),
                    startedAt);
            sample.stop(meters.timer("parley.turn", "outcome", stop.get().reason()));
            return;
        }
        Optional<TurnEngine> engine = engines.engineFor(chatbot);
        if (engine.isPresent()) {
            String outcome = engines.answer(engine.get(), conversation, contact, pending, startedAt);
            sample.stop(meters.timer("parley.turn", "outcome", outcome));
            return;
        }
        AgentRequest request = new AgentRequest(
                gate.withPlanRounds(chatbot),
                conversation.id(),
                conversation.contactId(),
                contactContext(contact),
                conversation.channel(),
                history(conversation.id(), pending));
        AgentReply reply;
        try (TypingTimer.Pending typing =
                typingTimer.after(properties.typingDelay(), () -> showTyping(conversation, pending.getLast()))) {
            reply = respond(conversation.id(), request);
        }
        String outcome = reply.outcome().name().toLowerCase();
        boolean written = writer.complete(conversation, contact, pending, reply, outcome, startedAt);
        if (!written) {
            log.info("Turn result discarded: the messages were already answered by an earlier run");
            outcome = "duplicate";
        } else {
            log.info("Turn answered {} message(s): {}", pending.size(), outcome);
        }
        sample.stop(meters.timer("parley.turn", "outcome", outcome));
    }

    /**
     * Streams the model's text to clients following the conversation (previews only: the reply below, written by
     * {@link TurnWriter}, is what they finally get). Nobody following: no notifications at all.
     */
    private AgentReply respond(ConversationId id, AgentRequest request) {
        if (!deltas.followed(id)) {
            return agent.respond(request);
        }
        try {
            return agent.respond(request, text -> deltas.publish(id, text));
        } finally {
            deltas.end(id);
        }
    }

    private void showTyping(ConversationRow conversation, StoredMessage last) {
        TypingIndicator indicator = typing.get(conversation.channel());
        if (indicator == null || last.providerMessageId() == null) {
            return;
        }
        try {
            indicator.show(conversation.channelAccountId(), last.providerMessageId());
        } catch (RuntimeException e) {
            // Cosmetic: the reply matters, the indicator does not. Counted so a broken one is visible.
            meters.counter(
                            "parley.typing_indicator.failures",
                            "channel",
                            conversation.channel().wireName())
                    .increment();
            log.warn("Typing indicator failed: {}", e.getMessage());
        }
    }

    /**
     * The model sees the current session as the bot lived it: everything before, then the messages this turn answers.
     * Contact messages that arrived after this turn claimed its messages belong to the next turn and are left out;
     * a message that arrived during the previous turn's model call is placed after that turn's reply.
     */
    private List<AgentRequest.HistoryMessage> history(ConversationId id, List<StoredMessage> pending) {
        Set<MessageId> answering = pending.stream().map(StoredMessage::id).collect(Collectors.toSet());
        long lastClaimed = pending.getLast().sequence();
        List<StoredMessage> recent = sessions.history(id, pending, properties.historySize()).stream()
                .filter(m -> !("user".equals(m.role()) && m.sequence() > lastClaimed))
                .toList();
        return Stream.concat(
                        recent.stream().filter(m -> !answering.contains(m.id())),
                        recent.stream().filter(m -> answering.contains(m.id())))
                .filter(m -> m.content() != null && !m.content().isBlank())
                .filter(m -> !"system".equals(m.role()))
                .map(m -> new AgentRequest.HistoryMessage(
                        "user".equals(m.role())
                                ? AgentRequest.HistoryMessage.Role.USER
                                : AgentRequest.HistoryMessage.Role.ASSISTANT,
                        m.content()))
                .toList();
    }

    private static AgentRequest.ContactContext contactContext(Contact contact) {
        if (contact == null) {
            return new AgentRequest.ContactContext(null, null);
        }
        return new AgentRequest.ContactContext(
                contact.displayName(), contact.phone().orElse(null), contact.variables());
    }
}
