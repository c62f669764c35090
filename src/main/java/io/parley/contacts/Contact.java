package io.parley.contacts;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person of the organization, across its chatbots and channels.
 *
 * @param firstChatbotId the chatbot that first saw the contact; null once that chatbot is deleted
 * @param variables      what the bot learned about the person (the {@code update_contact} tool), shown to the model
 * @param tags           labels set by the bot or staff
 */
public record Contact(
        ContactId id,
        OrganizationId organizationId,
        ChatbotId firstChatbotId,
        String displayName,
        ContactTier tier,
        List<ContactIdentity> identities,
        Map<String, Object> variables,
        List<String> tags,
        Instant createdAt,
        Instant lastSeenAt) {
    public Contact {
        identities = List.copyOf(identities);
        variables = variables == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public Optional<String> identity(String kind) {
        return identities.stream()
                .filter(i -> i.kind().equals(kind))
                .map(ContactIdentity::value)
                .findFirst();
    }

    /** The contact's phone number in E.164 ('+' and digits), if it has one. */
    public Optional<String> phone() {
        return identity(ContactIdentity.PHONE);
    }
}
