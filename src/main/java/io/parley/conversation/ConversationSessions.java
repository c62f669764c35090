package io.parley.conversation;

import io.parley.conversation.internal.SessionRepository;
import io.parley.conversation.internal.SessionRepository.SessionRow;
import io.parley.platform.ConversationId;
import io.parley.platform.SessionId;
import io.parley.tenancy.Chatbots;
import io.parley.usage.SessionUsage;
import io.parley.usage.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** A conversation's sessions with what each held and cost (ADR 32). */
@Service
public class ConversationSessions {
    private final Conversations conversations;
    private final SessionRepository sessions;
    private final UsageLedger usage;
    private final Chatbots chatbots;
    private final Clock clock;

    ConversationSessions(
            Conversations conversations,
            SessionRepository sessions,
            UsageLedger usage,
            Chatbots chatbots,
            Clock clock) {
        this.conversations = conversations;
        this.sessions = sessions;
        this.usage = usage;
        this.chatbots = chatbots;
        this.clock = clock;
    }

    /** The newest {@code limit} sessions (1 to 1,000), oldest first; an unknown conversation is not found. */
    public List<SessionSummary> list(ConversationId id, int limit) {
        ConversationSummary conversation = conversations.get(id);
        List<SessionRow> rows = sessions.list(id, Math.max(1, Math.min(limit, 1000)));
        Map<SessionId, Long> counts = sessions.messageCounts(id);
        Map<SessionId, SessionUsage> used =
                usage.bySession(rows.stream().map(SessionRow::id).toList());
        Duration timeout = chatbots.sessionTimeout(conversation.chatbotId());
        Instant now = clock.instant();
        return rows.stream()
                .map(row -> summary(row, timeout, now, counts.getOrDefault(row.id(), 0L), used.get(row.id())))
                .toList();
    }

    private static SessionSummary summary(
            SessionRow row, Duration timeout, Instant now, long messages, SessionUsage used) {
        Instant endedAt = row.endedAt();
        String endReason = row.endReason();
        // A quiet session has ended although no message came to close it yet.
        if (endedAt == null
                && !timeout.isZero()
                && row.lastMessageAt().plus(timeout).isBefore(now)) {
            endedAt = row.lastMessageAt().plus(timeout);
            endReason = "timeout";
        }
        return new SessionSummary(
                row.id(),
                row.startedAt(),
                row.lastMessageAt(),
                endedAt,
                endReason,
                endedAt == null,
                messages,
                used == null ? 0 : used.tokensIn(),
                used == null ? 0 : used.tokensOut(),
                used == null ? null : used.cost(),
                used == null ? 0 : used.unpricedTurns());
    }
}
