package io.parley.knowledge.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Knowledge base settings of this server (per-chatbot settings are data, see knowledge_settings).
 *
 * @param maxFileSize        largest upload, pasted text or fetched page
 * @param fetchTimeout       per page fetched (URL sources, crawls, robots.txt)
 * @param crawlDelay         minimum gap between two requests to one host
 * @param maxAttempts        ingestion attempts on transient failures (fetch 5xx/timeouts, embedder 429/5xx)
 * @param retryBackoff       first retry delay, doubled per attempt, capped at {@code maxRetryBackoff}
 * @param maxRetryBackoff    longest delay between attempts
 * @param maxConcurrentPerOrganization ingestions of one organization running at once; others wait their turn
 * @param fairnessWait       how long a waiting ingestion sleeps before it looks for a free slot again
 * @param embedBatchSize     chunks per embedding call
 * @param remoteTimeout      timeout of remote embedding calls
 */
@ConfigurationProperties("parley.knowledge")
public record KnowledgeProperties(
        @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("10s") Duration fetchTimeout,
        @DefaultValue("1s") Duration crawlDelay,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("5m") Duration maxRetryBackoff,
        @DefaultValue("2") int maxConcurrentPerOrganization,
        @DefaultValue("2s") Duration fairnessWait,
        @DefaultValue("32") int embedBatchSize,
        @DefaultValue("60s") Duration remoteTimeout) {

    public Duration backoff(int attempt) {
        long millis = retryBackoff.toMillis() * (1L << Math.min(Math.max(attempt - 1, 0), 20));
        return Duration.ofMillis(Math.min(millis, maxRetryBackoff.toMillis()));
    }
}
