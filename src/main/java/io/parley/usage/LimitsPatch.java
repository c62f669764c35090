package io.parley.usage;

import java.math.BigDecimal;

/** Overrides to set on an organization; a null field leaves that override as it is. */
public record LimitsPatch(
        Long monthlyMessages,
        Long monthlyTokens,
        BigDecimal monthlyCostBudget,
        Integer contactDailyMessages,
        Integer ratePerHourPerContact,
        Integer maxMessageLength,
        Integer knowledgeDocuments,
        Integer knowledgeUrls,
        Integer knowledgeIngestionsPerDay,
        Long knowledgeStorageBytes,
        Long maxMediaBytes) {}
