package io.parley.console.inbox;

import io.parley.conversation.ConversationSummary;
import io.parley.conversation.ServiceWindows;
import io.parley.platform.channel.Channels;
import io.parley.templates.MessageTemplate;
import io.parley.templates.MessageTemplates;
import io.parley.templates.TemplateStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the composer of a conversation offers: free text while the contact's service window is open (or the channel
 * has none), otherwise the channel account's approved templates. Each render carries a fresh idempotency key, so a
 * double click sends once.
 */
@Component
class ConversationComposer {
    private final ServiceWindows windows;
    private final MessageTemplates templates;
    private final Channels channels;
    private final Clock clock;

    ConversationComposer(ServiceWindows windows, MessageTemplates templates, Channels channels, Clock clock) {
        this.windows = windows;
        this.templates = templates;
        this.channels = channels;
        this.clock = clock;
    }

    /**
     * @param hasWindow      the channel restricts free text to a service window
     * @param expiresAt      when the window closes (closed), or null when the contact never wrote
     * @param open           free text may be sent now
     * @param templates      approved templates of the conversation's channel account (only when not open)
     * @param idempotencyKey the key the composer's forms send with
     */
    record State(
            boolean hasWindow,
            Instant expiresAt,
            boolean open,
            List<MessageTemplate> templates,
            String idempotencyKey) {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        public String expiresAtText() {
            return expiresAt == null ? "" : TIME.format(expiresAt);
        }
    }

    boolean windowOpen(ConversationSummary conversation) {
        return !channels.hasServiceWindow(conversation.channel())
                || windows.window(conversation.id())
                        .map(w -> w.isOpenAt(clock.instant()))
                        .orElse(false);
    }

    State state(ConversationSummary conversation) {
        boolean hasWindow = channels.hasServiceWindow(conversation.channel());
        Instant expiresAt = hasWindow ? windows.expiresAt(conversation.id()).orElse(null) : null;
        boolean open = windowOpen(conversation);
        List<MessageTemplate> approved = open ? List.of() : approvedTemplates(conversation);
        return new State(hasWindow, expiresAt, open, approved, "console-" + UUID.randomUUID());
    }

    List<MessageTemplate> approvedTemplates(ConversationSummary conversation) {
        return templates.list(conversation.chatbotId()).stream()
                .filter(t -> t.channelAccountId().equals(conversation.channelAccountId()))
                .filter(t -> t.status() == TemplateStatus.APPROVED)
                .toList();
    }
}
