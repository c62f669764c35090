package io.parley.knowledge.internal.extract;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much of this server reading untrusted documents may take (see {@link ExtractionPool}, ADR 28).
 *
 * @param threads         platform threads parsing documents at once; 0 = half the processors, at least one
 * @param queue           documents that may wait for a thread; an ingestion finding no room tries again later
 * @param timeout         the longest one document may take to parse, from the moment its parse starts
 * @param maxExpandedSize the most one document may unpack to: the sum of an Office file's zip entries, or of a
 *                        PDF's decoded streams
 */
@ConfigurationProperties("parley.knowledge.extraction")
public record ExtractionProperties(
        @DefaultValue("0") int threads,
        @DefaultValue("8") int queue,
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("100MB") DataSize maxExpandedSize) {

    public ExtractionProperties {
        if (threads < 0 || queue < 0) {
            throw new IllegalArgumentException("parley.knowledge.extraction.threads and .queue must not be negative");
        }
        if (timeout.isNegative() || timeout.isZero() || maxExpandedSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "parley.knowledge.extraction.timeout and .max-expanded-size must be positive");
        }
    }

    int threadCount() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
