package io.parley.usage;

import java.math.BigDecimal;
import java.time.Instant;

/** What one model costs, per 1,000 tokens, in the operator's currency (USD by convention). */
public record ModelPrice(
        String provider, String model, BigDecimal inputPer1k, BigDecimal outputPer1k, Instant updatedAt) {}
