package io.parley.flows.internal.runtime;

import io.parley.actionlinks.ActionLinks;
import io.parley.payments.Payment;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A payment step's link: an action link of purpose {@code deposit.pay} (GET shows a confirmation, POST goes to the
 * Checkout page), valid as long as the payment and usable a few times (each visit to Checkout spends one, and a
 * customer may close Stripe and open the link again).
 */
@Component
class ActionLinkPayments implements PaymentLinkIssuer {
    static final int USES = 5;

    private final ActionLinks links;

    ActionLinkPayments(ActionLinks links) {
        this.links = links;
    }

    @Override
    public String linkFor(
            OrganizationId organization, ConversationId conversation, Payment payment, Duration validFor) {
        return links.issue(
                        organization,
                        "deposit.pay",
                        payment.id().toString(),
                        Map.of("conversationId", conversation.toString()),
                        validFor,
                        USES)
                .url();
    }
}
