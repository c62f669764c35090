package io.parley.delivery.internal;

import io.parley.delivery.OutboundContent;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.channel.Channels;
import io.parley.templates.OutsideWindow;
import io.parley.templates.WindowDecision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The service window rule (WhatsApp's 24 hours), checked just before a message on a channel with a window goes out
 * (ADR 21): inside the contact's window anything
 * is sent; outside it a template is sent as it is, other content is replaced by the chatbot's re-engagement
 * template, or the message ends as {@code window_closed} (with a dead letter, so it can be replayed once a
 * template is configured or the contact writes again). Never a blind send the provider refuses for the window.
 */
@Component
class WindowGate {
    static final String WINDOW_CLOSED = "window_closed";

    private final OutsideWindow outsideWindow;
    private final OutboundRepository repository;
    private final DeadLetterRepository deadLetters;
    private final SystemEvents events;
    private final Channels channels;

    WindowGate(
            OutsideWindow outsideWindow,
            OutboundRepository repository,
            DeadLetterRepository deadLetters,
            SystemEvents events,
            Channels channels) {
        this.channels = channels;
        this.outsideWindow = outsideWindow;
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.events = events;
    }

    /** The row to send (its content possibly replaced by a template), or empty when the window closed it. */
    Optional<OutboundRow> admit(OutboundRow row, Instant now) {
        if (!channels.hasServiceWindow(row.channel()) || row.content() instanceof OutboundContent.Template) {
            return Optional.of(row);
        }
        return switch (outsideWindow.decide(row.conversationId(), now)) {
            case WindowDecision.Open open -> Optional.of(row);
            case WindowDecision.UseTemplate template -> Optional.of(useTemplate(row, template));
            case WindowDecision.Closed closed -> {
                close(row, row.attempts(), closed.reason());
                yield Optional.empty();
            }
        };
    }

    /** The provider said the window closed after all (between our check and the send): the same end state. */
    void close(OutboundRow row, int attempts, String reason) {
        repository.markWindowClosed(row.id(), reason);
        deadLetters.insert(row, attempts, WINDOW_CLOSED, reason, false);
        outsideWindow.recordWindowClosed(row.conversationId(), new WindowDecision.Closed(reason));
    }

    private OutboundRow useTemplate(OutboundRow row, WindowDecision.UseTemplate template) {
        OutboundContent.Template content =
                new OutboundContent.Template(template.name(), template.language(), List.copyOf(template.parameters()));
        // Stored, so a retry sends the same template and the outbox shows what actually went out.
        repository.replaceContent(row.id(), content, null);
        events.record(SystemEvent.of(SystemEvent.Level.INFO, "delivery.window_template_used")
                .organization(row.organizationId())
                .conversation(row.conversationId())
                .with("outboundMessageId", row.id().toString())
                .with("template", template.name())
                .with("language", template.language())
                .with("replaced", row.content().transcript())
                .with("renderedText", template.renderedText())
                .build());
        return row.withContent(content);
    }
}
