package io.parley.outreach;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param campaignBatchSize contacts a campaign job queues per transaction (default 500): a 10,000-contact campaign
 *                          is 20 short transactions, never one long one
 */
@ConfigurationProperties("parley.outreach")
public record OutreachProperties(Integer campaignBatchSize) {
    public OutreachProperties {
        if (campaignBatchSize == null) {
            campaignBatchSize = 500;
        }
        if (campaignBatchSize < 1 || campaignBatchSize > 10_000) {
            throw new IllegalArgumentException("parley.outreach.campaign-batch-size must be 1 to 10000");
        }
    }
}
