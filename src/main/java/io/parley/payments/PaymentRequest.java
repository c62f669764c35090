package io.parley.payments;

import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.InvalidRequestException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to charge: {@code amountMinor} in the currency's minor unit (5000 = €50.00), a three-letter ISO currency, the
 * line item's label, how long the Checkout link stays payable (clamped to what Stripe accepts, 31 min to 23 h 59 min),
 * the conversation and contact it is for (either may be null), and the caller's {@code reference}: calling again with
 * the same reference returns the same payment instead of charging twice.
 */
public record PaymentRequest(
        long amountMinor,
        String currency,
        String label,
        Duration expiresIn,
        ConversationId conversationId,
        ContactId contactId,
        String reference) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    public PaymentRequest {
        Objects.requireNonNull(expiresIn, "expiresIn");
        if (amountMinor <= 0) {
            throw invalid("amountMinor", "amountMinor must be a positive amount in minor units");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw invalid("currency", "currency must be a three-letter ISO code such as eur");
        }
        if (label == null || label.isBlank() || label.length() > 200) {
            throw invalid("label", "label must be 1 to 200 characters");
        }
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw invalid("reference", "reference must be 1 to 200 characters");
        }
        currency = currency.toLowerCase(java.util.Locale.ROOT);
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("validation_failed", message, Map.of("field", field));
    }
}
