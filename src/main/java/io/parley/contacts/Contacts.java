package io.parley.contacts;

import io.parley.contacts.internal.ContactRepository;
import io.parley.contacts.internal.ContactRepository.Owner;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization's contacts: one per person across its chatbots and channels (ADR 31). */
@Service
public class Contacts {
    static final String IDENTITY_CONFLICT = "contacts.identity_conflict";

    static final String MERGED = "contacts.merged";

    private final ContactRepository repository;
    private final SystemEvents events;
    private final List<ContactReferences> references;

    Contacts(ContactRepository repository, SystemEvents events, List<ContactReferences> references) {
        this.repository = repository;
        this.events = events;
        this.references = references;
    }

    /**
     * The organization's contact these identities name, created when none does; runs in the caller's transaction.
     *
     * <p>The identity of highest priority (phone, email, device, external, native) that a contact owns decides which
     * contact it is; identities nobody owns yet are attached to it; one owned by another contact is skipped and a
     * {@code contacts.identity_conflict} event records both contact ids. {@link IdentityTrust#CLAIMED} identities
     * never attach to or upgrade a {@code verified} contact, and a claimed phone, email or external id never
     * resolves to one: they resolve among the other contacts or make a new one. Only a device or channel session id
     * the verified contact already has (a random token its own browser or app holds) leads back to it. The tier
     * only rises: {@link ContactTier#earnedBy}.
     *
     * <p>Two transactions resolving the same new identities at once serialize on advisory locks (only when
     * something is to be created or attached), so racing first messages make one contact.
     *
     * @param firstSeenBy the chatbot the message came to (remembered as "first seen by" for a new contact)
     * @param displayName the name to store, or null to keep the stored one
     */
    @Transactional
    public ResolvedContact resolve(
            OrganizationId organizationId,
            ChatbotId firstSeenBy,
            List<ContactIdentity> identities,
            IdentityTrust trust,
            String displayName,
            Instant seenAt) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(seenAt, "seenAt");
        List<ContactIdentity> wanted =
                identities.stream().distinct().sorted(ContactIdentity.PRIORITY).toList();
        if (wanted.isEmpty()) {
            ContactId guest = new ContactId(UUID.randomUUID());
            repository.insert(guest, organizationId, firstSeenBy, displayName, ContactTier.GUEST, seenAt);
            return new ResolvedContact(guest, ContactTier.GUEST, true);
        }
        Map<ContactIdentity, Owner> owners = repository.owners(organizationId, wanted);
        if (owners.size() < wanted.size()) {
            repository.lock(organizationId, wanted);
            owners = repository.owners(organizationId, wanted);
        }
        Resolution resolution = Resolution.of(wanted, owners, trust);
        ContactId id = resolution.contact() == null
                ? new ContactId(UUID.randomUUID())
                : resolution.contact().id();
        ContactTier tier = resolution.tier();
        if (resolution.contact() == null) {
            repository.insert(id, organizationId, firstSeenBy, displayName, tier, seenAt);
        } else {
            repository.touch(id, displayName, tier, seenAt);
        }
        List<ContactIdentity> taken = repository.attach(organizationId, firstSeenBy, id, resolution.unowned());
        for (var conflict : resolution.conflicts().entrySet()) {
            recordConflict(
                    organizationId,
                    firstSeenBy,
                    id,
                    conflict.getValue(),
                    conflict.getKey().kind());
        }
        for (ContactIdentity identity : taken) {
            recordConflict(organizationId, firstSeenBy, id, null, identity.kind());
        }
        return new ResolvedContact(id, tier, resolution.contact() == null);
    }

    /** Which contact identities resolve to, and what happens to each identity. */
    private record Resolution(
            Owner contact, ContactTier tier, List<ContactIdentity> unowned, Map<ContactIdentity, ContactId> conflicts) {
        static Resolution of(List<ContactIdentity> wanted, Map<ContactIdentity, Owner> owners, IdentityTrust trust) {
            Owner chosen = wanted.stream()
                    .filter(identity -> owners.containsKey(identity))
                    .filter(identity -> reachable(owners.get(identity), identity, trust))
                    .map(owners::get)
                    .findFirst()
                    .orElse(null);
            ContactTier tier = chosen == null ? ContactTier.GUEST : chosen.tier();
            boolean sealed = trust == IdentityTrust.CLAIMED && tier == ContactTier.VERIFIED;
            List<ContactIdentity> unowned = new ArrayList<>();
            Map<ContactIdentity, ContactId> conflicts = new java.util.LinkedHashMap<>();
            for (ContactIdentity identity : wanted) {
                Owner owner = owners.get(identity);
                if (owner == null && sealed) {
                    continue;
                } else if (owner == null) {
                    unowned.add(identity);
                } else if (chosen == null || !owner.id().equals(chosen.id())) {
                    conflicts.put(identity, owner.id());
                    continue;
                }
                tier = ContactTier.max(tier, ContactTier.earnedBy(identity, trust));
            }
            return new Resolution(chosen, tier, List.copyOf(unowned), conflicts);
        }

        /**
         * A claimed phone, email or external id (anyone can type one) never leads to a verified contact; a device or
         * channel session id does: it is a random token only that browser or app holds, not a claim about a person.
         */
        private static boolean reachable(Owner owner, ContactIdentity identity, IdentityTrust trust) {
            return trust == IdentityTrust.VERIFIED
                    || owner.tier() != ContactTier.VERIFIED
                    || identity.priority() >= ContactIdentity.DEVICE_PRIORITY
                            && !identity.kind().equals(ContactIdentity.EXTERNAL);
        }
    }

    private void recordConflict(
            OrganizationId organizationId, ChatbotId chatbotId, ContactId contact, ContactId owner, String kind) {
        // Every later message with the same identities meets the same conflict: say it once a day.
        events.recordUnlessRecent(
                SystemEvent.of(SystemEvent.Level.INFO, IDENTITY_CONFLICT)
                        .organization(organizationId)
                        .chatbot(chatbotId)
                        .with("contactId", contact.toString())
                        .with("ownerContactId", owner == null ? null : owner.toString())
                        .with("kind", kind)
                        .build(),
                java.time.Duration.ofDays(1));
    }

    /**
     * Remembers what the bot learned: {@code variables} are merged over the stored ones (a null value removes the
     * key), {@code tags} are added. Only within {@code organizationId}: returns false for another tenant's contact.
     */
    @Transactional
    public boolean remember(
            OrganizationId organizationId, ContactId id, Map<String, Object> variables, List<String> tags) {
        return repository.remember(
                organizationId, id, variables == null ? Map.of() : variables, tags == null ? List.of() : tags);
    }

    /**
     * The organization's contact known by {@code identity}, or a new one with it: for messages to people who never
     * wrote (broadcasts, test messages). The business names the identity, so it is only claimed: the person's own
     * first message through a channel that proves it makes the contact verified.
     */
    @Transactional
    public ContactId findOrCreate(
            OrganizationId organizationId, ChatbotId chatbotId, ContactIdentity identity, Instant now) {
        return repository
                .findByIdentity(organizationId, identity.kind(), identity.value())
                .orElseGet(() -> resolve(organizationId, chatbotId, List.of(identity), IdentityTrust.CLAIMED, null, now)
                        .id());
    }

    /** Replaces a contact's tags (trimmed, distinct, sorted); false if it is not the organization's contact. */
    @Transactional
    public boolean setTags(OrganizationId organizationId, ContactId id, List<String> tags) {
        List<String> clean = tags.stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .sorted()
                .toList();
        return repository.setTags(organizationId, id, clean);
    }

    /** How many of the chatbot's contacts (first seen by it, or with a conversation with it) carry {@code tag}. */
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

    /** The organization's contact {@code id}; empty for another organization's. */
    public Optional<Contact> find(OrganizationId organizationId, ContactId id) {
        return find(id).filter(c -> c.organizationId().equals(organizationId));
    }

    /**
     * A keyset page of the organization's contacts by id after {@code after} (null: the first page); {@code q}
     * (optional) matches the name or an identity's value as a case-insensitive substring.
     */
    public List<Contact> list(OrganizationId organizationId, String q, ContactId after, int limit) {
        List<ContactId> page =
                repository.list(organizationId, q == null || q.isBlank() ? null : q.strip(), after, limit);
        Map<ContactId, Contact> found = findAll(page);
        return page.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /**
     * Staff edit a contact: {@code name} when given (blank clears it), {@code variables} replaced when given.
     * False if it is not the organization's contact.
     */
    @Transactional
    public boolean edit(
            OrganizationId organizationId, ContactId id, Optional<String> name, Map<String, Object> variables) {
        String clean = name.map(String::strip).orElse(null);
        return repository.edit(
                organizationId,
                id,
                clean == null || clean.isEmpty() ? null : clean,
                clean != null && clean.isEmpty(),
                variables);
    }

    /**
     * Merges {@code other} into {@code id} (both the organization's, else empty): every module moves what pointed
     * at {@code other} ({@link ContactReferences}: conversations, sessions, leads, usage, campaigns), then its
     * identities, tags and variables join {@code id} (whose own name and variables win) and {@code other} is gone.
     * A {@code contacts.merged} event records both ids.
     */
    @Transactional
    public Optional<Contact> merge(OrganizationId organizationId, ContactId id, ContactId other) {
        if (id.equals(other)) {
            throw new io.parley.platform.InvalidRequestException(
                    "validation_failed",
                    "otherContactId must be another contact",
                    Map.of("errors", List.of(Map.of("field", "otherContactId", "message", "must be another contact"))));
        }
        if (!repository.lockPair(organizationId, id, other)) {
            return Optional.empty();
        }
        references.forEach(r -> r.move(organizationId, other, id));
        repository.fold(other, id);
        events.record(SystemEvent.of(SystemEvent.Level.INFO, MERGED)
                .organization(organizationId)
                .with("contactId", id.toString())
                .with("mergedContactId", other.toString())
                .build());
        return find(id);
    }

    public Map<ContactId, Contact> findAll(Collection<ContactId> ids) {
        return ids.isEmpty() ? Map.of() : repository.findAll(ids);
    }
}
