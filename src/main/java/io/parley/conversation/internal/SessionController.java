package io.parley.conversation.internal;

import io.parley.conversation.ConversationSessions;
import io.parley.conversation.Conversations;
import io.parley.conversation.SessionSummary;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A conversation's sessions and turns (ADR 32); scoped by {@code conversationId} like every conversation route. */
@RestController
@RequestMapping("/api/v1/conversations/{conversationId}")
class SessionController {
    private final ConversationSessions sessions;
    private final Conversations conversations;
    private final TurnLog turns;
    private final JsonMapper json;

    SessionController(ConversationSessions sessions, Conversations conversations, TurnLog turns, JsonMapper json) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.turns = turns;
        this.json = json;
    }

    record SessionView(
            UUID id,
            Instant startedAt,
            Instant lastMessageAt,
            Instant endedAt,
            String endReason,
            boolean current,
            long messages,
            long tokensIn,
            long tokensOut,
            BigDecimal cost,
            int unpricedTurns) {
        static SessionView of(SessionSummary s) {
            return new SessionView(
                    s.id().value(),
                    s.startedAt(),
                    s.lastMessageAt(),
                    s.endedAt(),
                    s.endReason(),
                    s.current(),
                    s.messages(),
                    s.tokensIn(),
                    s.tokensOut(),
                    s.cost(),
                    s.unpricedTurns());
        }
    }

    /** @param prompt planned and actual tokens per prompt section; null for a turn that built no prompt */
    record TurnView(
            UUID id,
            UUID sessionId,
            String outcome,
            String provider,
            String model,
            String fallbackReason,
            Instant startedAt,
            Instant finishedAt,
            JsonNode prompt) {}

    /** The conversation's sessions, oldest first, with message count, tokens and cost. */
    @GetMapping("/sessions")
    List<SessionView> sessions(@PathVariable String conversationId, @RequestParam(defaultValue = "100") int limit) {
        return sessions.list(id(conversationId), limit).stream()
                .map(SessionView::of)
                .toList();
    }

    /** The conversation's turns, oldest first, each with its session and prompt plan. */
    @GetMapping("/turns")
    List<TurnView> turns(@PathVariable String conversationId, @RequestParam(defaultValue = "200") int limit) {
        ConversationId id = id(conversationId);
        conversations.get(id);
        return turns.recent(id, Math.max(1, Math.min(limit, 1000))).stream()
                .map(t -> new TurnView(
                        t.id(),
                        t.sessionId(),
                        t.outcome(),
                        t.provider(),
                        t.model(),
                        t.fallbackReason(),
                        t.startedAt(),
                        t.finishedAt(),
                        t.promptJson() == null ? null : json.readTree(t.promptJson())))
                .toList();
    }

    private static ConversationId id(String value) {
        return Ids.parse(value, "conversation", ConversationId::new);
    }
}
