package io.parley.usage;

import java.math.BigDecimal;

/**
 * An organization's limits as they apply now: its plan's values with the organization's overrides on top. A null
 * value means unlimited. {@code ratePerHourPerContact} is stored here and enforced by the inbound rate limiter,
 * {@code maxMediaBytes} (stored inbound media) by the media download job.
 */
public record EffectiveLimits(
        String plan,
        Long monthlyMessages,
        Long monthlyTokens,
        BigDecimal monthlyCostBudget,
        Integer contactDailyMessages,
        Integer ratePerHourPerContact,
        Integer maxMessageLength,
        Integer maxToolRounds,
        Integer knowledgeDocuments,
        Integer knowledgeUrls,
        Integer knowledgeIngestionsPerDay,
        Long knowledgeStorageBytes,
        Long maxMediaBytes) {
    /** True when some monthly limit is set: only then do the period's totals matter before a turn. */
    boolean limitsTheMonth() {
        return monthlyMessages != null || monthlyTokens != null || monthlyCostBudget != null;
    }

    /** A fingerprint that changes whenever a limit changes: "said once" marks include it. */
    String fingerprint() {
        return Integer.toHexString(java.util.Objects.hash(
                plan,
                monthlyMessages,
                monthlyTokens,
                monthlyCostBudget == null ? null : monthlyCostBudget.stripTrailingZeros(),
                contactDailyMessages,
                maxMessageLength));
    }
}
