package io.parley.flows.internal.runtime;

import io.parley.payments.Payment;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.time.Duration;
import org.springframework.stereotype.Component;

@Component
class TemporaryLinks implements PaymentLinkIssuer {
    @Override
    public String linkFor(
            OrganizationId organization, ConversationId conversation, Payment payment, Duration validFor) {
        throw new UnsupportedOperationException("not yet");
    }
}
