package io.parley.retention.internal;

import io.parley.conversation.MessageContentRetention;
import io.parley.media.MediaLibrary;
import io.parley.tools.ToolExecutionRetention;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Applies each organization's message retention: batch after batch (each its own short transaction) until the
 * organization has nothing older than its cutoff left to change. Anonymized rows no longer match, so a re-run
 * changes nothing.
 */
@Component
public class ContentSweep {
    public record Counts(int messages, int toolExecutions) {}

    private final MessageRetentionRepository repository;
    private final MessageContentRetention messages;
    private final ToolExecutionRetention tools;
    private final MediaLibrary media;

    ContentSweep(
            MessageRetentionRepository repository,
            MessageContentRetention messages,
            ToolExecutionRetention tools,
            MediaLibrary media) {
        this.repository = repository;
        this.messages = messages;
        this.tools = tools;
        this.media = media;
    }

    public Counts sweep(Instant now, int batch) {
        int changed = 0;
        int cleared = 0;
        for (MessageRetentionRepository.Policy policy : repository.policies()) {
            Instant cutoff = now.minus(Duration.ofDays(policy.days()));
            boolean delete = policy.mode().equals("delete");
            // Images, voice notes and documents are content too: both modes remove the stored files. First: deleting
            // a message cascades to its media row, and a file whose row is gone would never be found again.
            media.deleteOlderThan(policy.organizationId(), cutoff);
            int n;
            do {
                n = delete
                        ? messages.deleteBefore(policy.organizationId(), cutoff, batch)
                        : messages.anonymizeBefore(policy.organizationId(), cutoff, batch);
                changed += n;
            } while (n == batch);
            do {
                n = tools.clearBefore(policy.organizationId(), cutoff, batch);
                cleared += n;
            } while (n == batch);
        }
        return new Counts(changed, cleared);
    }
}
