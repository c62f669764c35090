package io.parley.usage;

import java.math.BigDecimal;

/** Usage of one chatbot, contact, model or day in a history query. */
public record UsageGroup(String key, long messages, long tokensIn, long tokensOut, BigDecimal cost, long unpriced) {}
