package io.parley.usage;

import java.math.BigDecimal;

/** A plan's limits, knowledge and media quotas included; null means unlimited. */
public record Plan(
        String name,
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
        Long maxMediaBytes) {}
