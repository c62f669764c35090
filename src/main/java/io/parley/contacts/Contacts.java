package io.parley.contacts;

import io.parley.contacts.internal.ContactRepository;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Contacts {
    private final ContactRepository repository;

    Contacts(ContactRepository repository) {
        this.repository = repository;
    }

    /**
     * Finds the contact any of {@code identities} already belongs to, or creates one, and records identities it
     * did not have yet. Runs in the caller's transaction (the webhook's), so it commits with the message.
     *
     * <p>A new contact's id is derived from the chatbot and its first identity: two webhooks racing to create the
     * same person compute the same id, and the second insert becomes a no-op instead of a duplicate contact.
     */
    @Transactional
    public ContactId upsert(OrganizationId organizationId, ChatbotId chatbotId, List<ContactIdentity> identities,
                            String displayName, Instant seenAt) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("identities must not be empty");
        }
        return repository.upsert(derivedId(chatbotId, identities.getFirst()), organizationId, chatbotId, identities,
                displayName, seenAt);
    }

    /**
     * Remembers what the bot learned: {@code variables} are merged over the stored ones (a null value removes the
     * key), {@code tags} are added. Only within {@code organizationId}: returns false for another tenant's contact.
     */
    @Transactional
    public boolean remember(OrganizationId organizationId, ContactId id, Map<String, Object> variables,
                            List<String> tags) {
        return repository.remember(organizationId, id, variables == null ? Map.of() : variables,
                tags == null ? List.of() : tags);
    }

    public Optional<Contact> find(ContactId id) {
        return repository.findAll(List.of(id)).values().stream().findFirst();
    }

    public Map<ContactId, Contact> findAll(Collection<ContactId> ids) {
        return ids.isEmpty() ? Map.of() : repository.findAll(ids);
    }

    private static ContactId derivedId(ChatbotId chatbotId, ContactIdentity identity) {
        String name = chatbotId + "|" + identity.kind() + "|" + identity.value();
        return new ContactId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
