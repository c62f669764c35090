package io.parley.conversation.internal;

import io.parley.contacts.Contact;
import io.parley.conversation.EngineRequest;
import io.parley.conversation.EngineTurn;
import io.parley.conversation.TurnEngine;
import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.tenancy.Chatbot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns answered by a {@link TurnEngine} instead of the agent: asks the engine (outside any transaction), then writes
 * its result with {@link TurnWriter#completeEngine}. When the engine's state moved meanwhile the turn is worked out
 * again from the new state, a bounded number of times, each conflict recorded as {@code atomic_update.conflict}.
 */
@Component
class EngineTurns {
    private static final Logger log = LoggerFactory.getLogger(EngineTurns.class);
    private static final int MAX_CONFLICTS = 5;

    private final List<TurnEngine> engines;
    private final TurnWriter writer;
    private final SystemEvents events;
    private final JsonMapper json;

    EngineTurns(List<TurnEngine> engines, TurnWriter writer, SystemEvents events, JsonMapper json) {
        this.engines = engines;
        this.writer = writer;
        this.events = events;
        this.json = json;
    }

    Optional<TurnEngine> engineFor(Chatbot chatbot) {
        return engines.stream().filter(engine -> engine.answers(chatbot)).findFirst();
    }

    /** Answers {@code pending} with {@code engine}; returns the outcome for the turn metric. */
    String answer(
            TurnEngine engine,
            ConversationRow conversation,
            Contact contact,
            List<StoredMessage> pending,
            Instant startedAt) {
        EngineRequest request = new EngineRequest(
                conversation.organizationId(),
                conversation.chatbotId(),
                conversation.id(),
                conversation.channelAccountId(),
                conversation.channel(),
                contact,
                pending.stream().map(this::message).toList());
        for (int attempt = 1; ; attempt++) {
            EngineTurn turn = engine.prepare(request);
            switch (writer.completeEngine(conversation, contact, pending, turn, startedAt)) {
                case WRITTEN -> {
                    log.info("Turn answered {} message(s) by {}: {}", pending.size(), engine, turn.outcome());
                    return turn.outcome();
                }
                case ALREADY_ANSWERED -> {
                    log.info("Turn result discarded: the messages were already answered by an earlier run");
                    return "duplicate";
                }
                case CONFLICT -> {
                    events.record(SystemEvent.of(SystemEvent.Level.WARN, "atomic_update.conflict")
                            .organization(conversation.organizationId())
                            .chatbot(conversation.chatbotId())
                            .conversation(conversation.id())
                            .with("attempt", attempt)
                            .build());
                    if (attempt >= MAX_CONFLICTS) {
                        throw new IllegalStateException("The engine's state kept moving during " + attempt + " turns");
                    }
                }
            }
        }
    }

    private EngineRequest.Message message(StoredMessage stored) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (stored.detailsJson() != null && !stored.detailsJson().isBlank()) {
            Object parsed = json.readValue(stored.detailsJson(), Object.class);
            if (parsed instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    if (value != null) {
                        details.put(String.valueOf(key), value);
                    }
                });
            }
        }
        return new EngineRequest.Message(stored.id(), stored.type(), stored.content(), details, stored.createdAt());
    }
}
