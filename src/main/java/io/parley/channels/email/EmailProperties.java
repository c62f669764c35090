package io.parley.channels.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The email channel ({@code parley.email.*}); each mailbox's servers are tenant data, not properties.
 *
 * @param pollInterval       how often a mailbox is read when IDLE is not telling us sooner (the fallback)
 * @param idleWindow         how long one IDLE connection stays open before it is renewed (RFC 2177 asks for less than
 *                           29 minutes); a poll starts the next one
 * @param maxIdle            how many mailboxes one node watches with IDLE at most; the rest are polled only
 * @param batchSize          the most emails one pass reads (the next pass continues)
 * @param maxMessageSize     an email larger than this is archived by its headers only, its body and attachments not
 * @param repliesPerHour     the most emails from one sender per hour that are answered; more are stored and not
 *                           answered (a loop with another machine that ignores {@code Auto-Submitted})
 */
@ConfigurationProperties("parley.email")
public record EmailProperties(
        @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("25m") Duration idleWindow,
        @DefaultValue("200") int maxIdle,
        @DefaultValue("50") int batchSize,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("20") int repliesPerHour) {}
