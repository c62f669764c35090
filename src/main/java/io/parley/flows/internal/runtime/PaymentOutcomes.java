package io.parley.flows.internal.runtime;

import io.parley.payments.PaymentSettled;
import io.parley.platform.Jobs;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A payment a flow asked for reached an outcome: queued for the conversation's flow in the transaction that moved the
 * payment (once per move, so a redelivered Stripe event queues nothing), and the conversation's flow-events job
 * scheduled to take it.
 */
@Component
class PaymentOutcomes {
    private final FlowStateRepository states;
    private final Jobs jobs;
    private final Clock clock;

    PaymentOutcomes(FlowStateRepository states, Jobs jobs, Clock clock) {
        this.states = states;
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener
    void on(PaymentSettled settled) {
        if (settled.conversationId() == null
                || settled.reference() == null
                || !settled.reference().startsWith("flow:")) {
            return;
        }
        String outcome = switch (settled.status()) {
            case PAID -> "paid";
            case EXPIRED -> "expired";
            default -> "failed";
        };
        if (states.queueEvent(
                settled.organizationId(),
                settled.conversationId(),
                outcome,
                Map.of("reference", settled.reference(), "late", settled.late()),
                "payment:" + settled.paymentId() + ":" + outcome,
                clock.instant())) {
            jobs.scheduleNoLaterThan(
                    FlowEventsJob.TASK, settled.conversationId().toString(), clock.instant());
        }
    }
}
