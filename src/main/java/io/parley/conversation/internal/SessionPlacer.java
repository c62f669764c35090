package io.parley.conversation.internal;

import io.parley.conversation.internal.SessionRepository.ConversationKeys;
import io.parley.conversation.internal.SessionRepository.SessionRow;
import io.parley.platform.ConversationId;
import io.parley.platform.SessionId;
import io.parley.tenancy.Chatbots;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Puts every message in a session, in the transaction that wrote it (ADR 32). A message continues the conversation's
 * open session unless the chatbot's session timeout passed since that session's last message (zero: it never
 * passes) or the contact asked for a new session; then the old one ends ({@code timeout} / {@code new_session}) and
 * a new one starts with this message. A bot reply joins the session of the messages it answers, however long the
 * turn took. Placements in one conversation are serialized by the conversation's row lock.
 */
@Component
public class SessionPlacer {
    static final String TIMEOUT = "timeout";
    static final String NEW_SESSION = "new_session";

    private final SessionRepository repository;
    private final Chatbots chatbots;

    SessionPlacer(SessionRepository repository, Chatbots chatbots) {
        this.repository = repository;
        this.chatbots = chatbots;
    }

    /** A contact's message; {@code fresh} starts a new session whatever the timeout. */
    public SessionId placeInbound(ConversationId conversation, Instant at, boolean fresh) {
        return placed(conversation, decide(conversation, at, fresh));
    }

    /** A message the business sends (a person's, a broadcast's): like a contact's, a new visit after the timeout. */
    public SessionId placeOutbound(ConversationId conversation, Instant at) {
        return placed(conversation, decide(conversation, at, false));
    }

    /**
     * The session a turn's reply will be written in, decided before the reply is inserted (the reply is then
     * inserted with it, so nothing is left to adopt): locks the conversation while moving its last activity to
     * {@code at}, then continues {@code turnSession} (null: placed like any other message).
     */
    public SessionId placeTurnReply(ConversationId conversation, SessionId turnSession, Instant at) {
        if (!repository.touchAndLockConversation(conversation, at)) {
            throw new IllegalStateException("No conversation " + conversation + " to place a message in");
        }
        if (turnSession != null && repository.touch(turnSession, at)) {
            return turnSession;
        }
        return decide(conversation, at, false);
    }

    private SessionId decide(ConversationId conversation, Instant at, boolean fresh) {
        ConversationKeys keys = repository
                .lockConversation(conversation)
                .orElseThrow(
                        () -> new IllegalStateException("No conversation " + conversation + " to place a message in"));
        Optional<SessionRow> latest = repository.latest(conversation).filter(SessionRow::open);
        if (latest.isPresent()) {
            SessionRow current = latest.get();
            Duration timeout = chatbots.sessionTimeout(keys.chatbotId());
            if (fresh) {
                repository.end(current.id(), at, NEW_SESSION);
            } else if (expired(current, timeout, at)) {
                repository.end(current.id(), current.lastMessageAt().plus(timeout), TIMEOUT);
            } else if (repository.touch(current.id(), at)) {
                return current.id();
            }
        }
        SessionId started = new SessionId(UUID.randomUUID());
        repository.insert(started, conversation, keys, at);
        return started;
    }

    /** True when more than {@code timeout} passed since the session's last message; a zero timeout never passes. */
    static boolean expired(SessionRow session, Duration timeout, Instant at) {
        return !timeout.isZero()
                && Duration.between(session.lastMessageAt(), at).compareTo(timeout) > 0;
    }

    private SessionId placed(ConversationId conversation, SessionId session) {
        repository.adopt(conversation, session);
        return session;
    }
}
