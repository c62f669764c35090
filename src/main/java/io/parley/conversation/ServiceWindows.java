package io.parley.conversation;

import io.parley.conversation.internal.ConversationRepository;
import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.platform.ConversationId;
import io.parley.templates.ConversationWindow;
import io.parley.templates.ConversationWindows;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The customer service window of each conversation on a channel that has one (WhatsApp: 24 hours): the contact's
 * last inbound message (as the provider timestamped it) plus the channel's window. {@link Conversations#receive} moves it forward only; outbound messages never
 * touch it.
 */
@Service
public class ServiceWindows implements ConversationWindows {
    private final ConversationRepository repository;

    ServiceWindows(ConversationRepository repository) {
        this.repository = repository;
    }

    /** When the window closes (closed) for this conversation; empty if the contact never wrote. */
    public Optional<Instant> expiresAt(ConversationId id) {
        return window(id).map(ConversationWindow::expiresAt);
    }

    @Override
    public Optional<ConversationWindow> window(ConversationId id) {
        return repository.findWindow(id).map(row -> {
            ConversationRow c = row.conversation();
            return new ConversationWindow(
                    c.id(),
                    c.organizationId(),
                    c.chatbotId(),
                    c.channelAccountId(),
                    c.channel(),
                    c.contactId(),
                    row.windowExpiresAt());
        });
    }
}
