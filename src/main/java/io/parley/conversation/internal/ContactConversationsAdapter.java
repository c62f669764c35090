package io.parley.conversation.internal;

import io.parley.contacts.ContactConversations;
import io.parley.contacts.ContactReferences;
import io.parley.platform.ConflictException;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A contact's conversations for the contacts API, and moving them (with their sessions) when contacts merge. */
@Component
class ContactConversationsAdapter implements ContactConversations, ContactReferences {
    private final ConversationRepository repository;

    ContactConversationsAdapter(ConversationRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Entry> of(OrganizationId organizationId, ContactId contactId, int limit) {
        return repository.listByContact(organizationId, contactId, limit).stream()
                .map(c -> new Entry(
                        c.id(),
                        c.chatbotId(),
                        c.channel().wireName(),
                        c.owner().wireName(),
                        c.lastMessageAt(),
                        c.createdAt()))
                .toList();
    }

    /**
     * A contact has one conversation per channel account: two contacts that both wrote to one number or widget
     * would need their transcripts merged, which a merge does not do (it is refused instead).
     */
    @Override
    public void move(OrganizationId organizationId, ContactId from, ContactId into) {
        if (repository.shareChannelAccount(from, into)) {
            throw new ConflictException(
                    "contacts_share_channel",
                    "Both contacts have a conversation on the same channel; they cannot be merged",
                    Map.of("contactId", into.toString(), "otherContactId", from.toString()));
        }
        repository.moveContact(organizationId, from, into);
    }
}
