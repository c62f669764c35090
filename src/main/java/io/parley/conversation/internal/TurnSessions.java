package io.parley.conversation.internal;

import io.parley.agent.PromptReport;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.platform.ConversationId;
import io.parley.platform.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A turn and its session (ADR 32): the turn belongs to the session of the last message it answers, the model sees
 * that session's recent messages only, and the turn's row records the session and its prompt plan.
 */
@Component
class TurnSessions {
    private final SessionRepository sessions;
    private final ConversationRepository messages;
    private final SessionPlacer placer;
    private final JsonMapper json;

    TurnSessions(SessionRepository sessions, ConversationRepository messages, SessionPlacer placer, JsonMapper json) {
        this.sessions = sessions;
        this.messages = messages;
        this.placer = placer;
        this.json = json;
    }

    /** The session a turn answering {@code answered} belongs to; null only in a conversation without any. */
    SessionId sessionOf(ConversationId conversation, List<StoredMessage> answered) {
        SessionId last = answered.isEmpty() ? null : answered.getLast().sessionId();
        return last != null
                ? last
                : sessions.latest(conversation)
                        .map(SessionRepository.SessionRow::id)
                        .orElse(null);
    }

    /**
     * The newest {@code limit} messages the model may see for this turn, oldest first: its session's, plus the
     * messages it answers even when an earlier session holds some of them.
     */
    List<StoredMessage> history(ConversationId conversation, List<StoredMessage> answering, int limit) {
        SessionId session = sessionOf(conversation, answering);
        if (session == null) {
            return messages.recentMessages(conversation, limit);
        }
        return sessions.recentInSession(
                conversation, session, answering.stream().map(StoredMessage::id).toList(), limit);
    }

    /**
     * Before the turn writes its reply: the session the reply (and the turn) belongs to. Locks the conversation and
     * moves its last activity to {@code at}; the reply is inserted with this session.
     */
    SessionId forReply(ConversationId conversation, List<StoredMessage> answered, Instant at) {
        return placer.placeTurnReply(conversation, sessionOf(conversation, answered), at);
    }

    /** The prompt plan recorded on the turn, as JSON (null when the turn called no model). */
    String promptJson(PromptReport prompt) {
        return prompt == null ? null : json.writeValueAsString(prompt);
    }

    /** A turn that wrote nothing (a person owns the conversation, or a limit keeps the bot silent). */
    void silent(ConversationId conversation, UUID turnId, List<StoredMessage> answered) {
        sessions.linkTurn(turnId, sessionOf(conversation, answered), null);
    }
}
