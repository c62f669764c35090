package io.parley.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.conversation.*}
 *
 * @param debounce       quiet time after the newest unanswered message of a burst (two or more messages waiting, or a
 *                       contact who wrote in bursts lately) before the bot answers, so a burst gets one reply
 * @param firstQuiet     quiet time after a lone message before the bot answers; a second message inside it makes a
 *                       burst, which then waits for {@code debounce}. Never longer than {@code debounce} (ADR 49)
 * @param burstMemory    how long after the contact sent two messages within {@code debounce} of each other its
 *                       messages wait the full {@code debounce} even alone; zero: a lone message always waits
 *                       {@code firstQuiet}
 * @param maxWait        longest a message waits for a continuing burst to pause
 * @param historySize    messages of the conversation given to the model
 * @param reaperInterval how often to look for unanswered messages without a scheduled turn (safety net)
 * @param maxTurnFailures unexpected turn failures in a row after which the contact gets the error message
 * @param typingDelay    how long the model may take before the contact is shown a typing indicator (none when the
 *                       reply is ready sooner; 0 shows it at once, before the model is called)
 * @param maxWorkingTurns turns doing their own work (database, retrieval, prompt) at once on a node; turns waiting for
 *                       their model do not count, so thousands may wait while only these few use the database pool
 *                       and the cores (keep it at most half of {@code parley.db.pool-size}; ADR 51)
 */
@ConfigurationProperties("parley.conversation")
public record ConversationProperties(
        @DefaultValue("1s") Duration debounce,
        @DefaultValue("250ms") Duration firstQuiet,
        @DefaultValue("5m") Duration burstMemory,
        @DefaultValue("10s") Duration maxWait,
        @DefaultValue("20") int historySize,
        @DefaultValue("5s") Duration reaperInterval,
        @DefaultValue("5") int maxTurnFailures,
        @DefaultValue("1s") Duration typingDelay,
        @DefaultValue("10") int maxWorkingTurns) {
    public ConversationProperties {
        if (maxWorkingTurns < 1) {
            throw new IllegalArgumentException(
                    "parley.conversation.max-working-turns must be at least 1, was " + maxWorkingTurns);
        }
    }
}
