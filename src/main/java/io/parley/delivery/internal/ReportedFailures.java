package io.parley.delivery.internal;

import io.parley.delivery.StatusReport;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.channel.Channels;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A failure only the provider's status report tells (Meta accepted the message, then reported it {@code failed}):
 * the same end as a failed send, in the report's transaction (the webhook's persist-then-acknowledge). A dead letter
 * with the provider's code as reason, transient when the channel said so (throttling, e.g. 131056), and a system
 * event. A code the channel classifies as {@code FailureClass.WINDOW_CLOSED} ends as {@code window_closed}, like
 * {@link WindowGate}.
 * Called only for the report that moved the message to failed, so a repeated webhook adds nothing.
 */
@Component
public class ReportedFailures {
    static final String REPORTED_FAILURE_EVENT = "delivery.failure_reported";

    private final OutboundRepository repository;
    private final DeadLetterRepository deadLetters;
    private final WindowGate windowGate;
    private final SystemEvents events;
    private final Channels channels;

    ReportedFailures(
            OutboundRepository repository,
            DeadLetterRepository deadLetters,
            WindowGate windowGate,
            SystemEvents events,
            Channels channels) {
        this.channels = channels;
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.windowGate = windowGate;
        this.events = events;
    }

    public void record(OutboundMessageId id, StatusReport report) {
        OutboundRow row = repository.find(id).orElseThrow();
        if (channels.closesWindow(row.channel(), report.errorCode())) {
            windowGate.close(
                    row, row.attempts(), channels.definition(row.channel()).windowClosedReason(report.errorCode()));
            return;
        }
        String code = report.errorCode() == null ? "provider_failed" : report.errorCode();
        UUID deadLetter =
                deadLetters.insert(row, row.attempts(), code, report.errorMessage(), report.transientFailure());
        events.record(SystemEvent.of(SystemEvent.Level.ERROR, REPORTED_FAILURE_EVENT)
                .organization(row.organizationId())
                .conversation(row.conversationId())
                .with("outboundMessageId", row.id().toString())
                .with("channel", row.channel().wireName())
                .with("code", code)
                .with("reason", report.errorMessage())
                .with("deadLetterId", deadLetter.toString())
                .with("transient", report.transientFailure())
                .build());
    }
}
