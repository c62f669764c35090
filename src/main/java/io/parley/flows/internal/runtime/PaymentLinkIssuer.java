package io.parley.flows.internal.runtime;

import io.parley.payments.Payment;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.time.Duration;

/** The link a {@code payment} step sends: issued in the turn's transaction, usable until the payment expires. */
interface PaymentLinkIssuer {
    String linkFor(OrganizationId organization, ConversationId conversation, Payment payment, Duration validFor);
}
