package io.parley.conversation.internal;

import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.tenancy.Availability;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A paused chatbot (or organization) stores messages and does not answer them (ADR 33). The turn that would have
 * answered a burst closes it instead with a skipped turn and one {@code turn.paused} event saying why, so a burst of
 * ten messages is one event, not ten. After resuming, only messages that arrived since are answered: what came in
 * while paused is closed the same way ({@code received_while_paused}) even if its turn runs after the resumption.
 */
@Component
class PausedTurns {
    static final String EVENT = "turn.paused";

    private final Chatbots chatbots;
    private final TurnWriter writer;
    private final SystemEvents events;

    PausedTurns(Chatbots chatbots, TurnWriter writer, SystemEvents events) {
        this.chatbots = chatbots;
        this.writer = writer;
        this.events = events;
    }

    /** The pending messages this turn may answer; the others are closed here. Empty once the chatbot is gone. */
    List<StoredMessage> answerable(ConversationRow conversation, List<StoredMessage> pending, Instant startedAt) {
        Optional<Chatbot> chatbot = chatbots.find(conversation.chatbotId());
        if (chatbot.isEmpty()) {
            return List.of(); // deleted while this job waited: its conversation goes with it
        }
        return switch (chatbots.availability(chatbot.get())) {
            case Availability.Paused paused -> {
                close(conversation, pending, startedAt, paused.reason());
                yield List.of();
            }
            case Availability.Answering answering -> {
                List<StoredMessage> early = pending.stream()
                        .filter(m -> !answering.answers(m.createdAt()))
                        .toList();
                if (!early.isEmpty()) {
                    close(conversation, early, startedAt, "received_while_paused");
                }
                yield early.isEmpty()
                        ? pending
                        : pending.stream()
                                .filter(m -> answering.answers(m.createdAt()))
                                .toList();
            }
        };
    }

    private void close(ConversationRow conversation, List<StoredMessage> messages, Instant startedAt, String reason) {
        if (writer.skip(conversation, messages, startedAt, reason)) {
            events.record(SystemEvent.of(SystemEvent.Level.INFO, EVENT)
                    .organization(conversation.organizationId())
                    .chatbot(conversation.chatbotId())
                    .conversation(conversation.id())
                    .with("reason", reason)
                    .with("messages", messages.size())
                    .build());
        }
    }
}
