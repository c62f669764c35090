package io.parley.usage;

import io.parley.platform.ChatbotId;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Usage of one chatbot with one model on one day (UTC), summed from the ledger.
 *
 * @param model    {@code provider/model} as the ledger names it (e.g. {@code openai/gpt-4o-mini}, {@code api/})
 * @param cost     the priced records' cost; {@code unpriced} counts the records without a price
 */
public record DailyUsage(
        LocalDate day,
        ChatbotId chatbotId,
        String model,
        long messages,
        long tokensIn,
        long tokensOut,
        BigDecimal cost,
        long unpriced) {
    public long tokens() {
        return tokensIn + tokensOut;
    }
}
