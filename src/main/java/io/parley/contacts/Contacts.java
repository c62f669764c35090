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

    /**
     * The chatbot's contact known by {@code identity}, or a new one with it: for messages to people who never wrote
     * (broadcasts, test messages). Unlike {@link #upsert} it leaves an existing contact as it is.
     */
    @Transactional
    public ContactId findOrCreate(OrganizationId organizationId, ChatbotId chatbotId, ContactIdentity identity,
                                  Instant now) {
        return repository.findByIdentity(chatbotId, identity.kind(), identity.value())
                .orElseGet(() -> upsert(organizationId, chatbotId, List.of(identity), null, now));
    }

    /** Replaces a contact's tags (trimmed, distinct, sorted); false if it is not the chatbot's contact. */
    @Transactional
    public boolean setTags(ChatbotId chatbotId, ContactId id, List<String> tags) {
        List<String> clean = tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().sorted().toList();
        return repository.setTags(chatbotId, id, clean);
    }

    public int countTagged(ChatbotId chatbotId, String tag) {
        return repository.countTagged(chatbotId, tag);
    }

    /** A page of the chatbot's contacts with {@code tag}, ordered by id, after {@code after} (null: the first). */
    public List<ContactId> taggedAfter(ChatbotId chatbotId, String tag, ContactId after, int limit) {
        return repository.taggedAfter(chatbotId, tag, after, limit);
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
