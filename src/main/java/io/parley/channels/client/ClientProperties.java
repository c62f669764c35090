package io.parley.channels.client;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The client API ({@code /client/v1}).
 *
 * @param defaultWait     how long {@code POST /client/v1/messages} waits for the turn without {@code ?wait=}
 * @param maxWait         the longest {@code ?wait=} accepted (larger values are cut to it)
 * @param pollInterval    the longest pause between two looks of a waiting request at PostgreSQL for its replies (a
 *                        stream looks every 5 of them): every node sees every message this way, nothing is only in
 *                        memory
 * @param streamDuration  how long {@code GET .../events} stays open before the client reconnects with Last-Event-ID
 * @param heartbeat       how often an idle event stream sends a comment, so proxies keep it open
 * @param retryAfter      what {@code 409 request_in_progress} tells a client to wait
 * @param requestRetention how long a request id is remembered (a duplicate within it gets the first answer)
 * @param callbackTimeout connect and response timeout of a callback to an api channel's {@code callbackUrl}
 * @param sweepInterval   how often request ids past {@code requestRetention} are deleted
 */
@ConfigurationProperties("parley.client")
public record ClientProperties(
        @DefaultValue("25s") Duration defaultWait,
        @DefaultValue("60s") Duration maxWait,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("5m") Duration streamDuration,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("24h") Duration requestRetention,
        @DefaultValue("10s") Duration callbackTimeout,
        @DefaultValue("10m") Duration sweepInterval) {}
