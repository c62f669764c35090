package io.parley.usage;

import io.parley.platform.ContactId;
import java.math.BigDecimal;

/** One contact's usage over a period: messages, tokens and cost of the turns that answered them. */
public record ContactUsage(ContactId contactId, long messages, long tokens, BigDecimal cost) {}
