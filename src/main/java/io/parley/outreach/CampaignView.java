package io.parley.outreach;

import java.time.Instant;
import java.util.UUID;

/**
 * A campaign and its progress.
 *
 * @param total     contacts with the tag when the campaign was created
 * @param queued    messages queued so far (a message per contact, once)
 * @param skipped   tagged contacts without a WhatsApp address (web chat only)
 * @param sent      messages the provider accepted (including those delivered or read since)
 * @param delivered messages delivered or read
 * @param failed    messages that failed for good
 * @param status    {@code running} while batches are being queued, then {@code completed}
 */
public record CampaignView(
        UUID id,
        UUID chatbotId,
        String name,
        String tag,
        String status,
        int total,
        int queued,
        int skipped,
        int sent,
        int delivered,
        int failed,
        Instant createdAt,
        Instant completedAt) {}
