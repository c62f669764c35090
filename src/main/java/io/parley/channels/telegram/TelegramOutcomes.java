package io.parley.channels.telegram;

import io.parley.delivery.SendOutcome;

/**
 * Every Bot API answer to a send as a {@link SendOutcome} (spec §1.6), in one place: 429 waits for
 * {@code retry_after} as throttling (not charged to the retry budget); 5xx and answers that are not the Bot API's
 * JSON are retried; 401 is refused with an alert (the token was revoked); 403 "blocked by the user" and "user is
 * deactivated" are refused without one (the person left, the operator cannot help); other 403s (kicked, not a member)
 * and every other 4xx are refused. Codes are {@code http_<status>}, or {@code telegram_blocked}.
 */
final class TelegramOutcomes {
    /** The code of a send refused because the contact blocked the bot. */
    static final String BLOCKED = "telegram_blocked";

    private TelegramOutcomes() {}

    static SendOutcome of(BotAnswer answer, String providerMessageId) {
        if (answer.ok()) {
            return new SendOutcome.Sent(providerMessageId);
        }
        int status = answer.status();
        String code = "http_" + status;
        if (status == 429) {
            return new SendOutcome.RetryLater(code, answer.why(), answer.retryAfter(), true);
        }
        if (status / 100 == 5 || status / 100 == 2 || status == 408) {
            return new SendOutcome.RetryLater(code, answer.why(), answer.retryAfter());
        }
        if (status == 401) {
            return new SendOutcome.Rejected(code, answer.why(), true);
        }
        if (status == 403 && answer.describes("blocked by the user")) {
            return new SendOutcome.Rejected(BLOCKED, answer.why(), false);
        }
        if (status == 403) {
            return new SendOutcome.Rejected(code, answer.why(), !answer.describes("user is deactivated"));
        }
        return new SendOutcome.Rejected(code, answer.why(), false);
    }

    static boolean unparsable(BotAnswer answer) {
        return answer.status() == 400 && answer.describes("can't parse entities");
    }
}
