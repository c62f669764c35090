package io.parley.contacts;

import io.parley.platform.ContactId;
import java.util.Objects;

/**
 * What {@link Contacts#resolve} found or made.
 *
 * @param tier    the contact's tier after this message's identities were attached
 * @param created true when this message created the contact
 */
public record ResolvedContact(ContactId id, ContactTier tier, boolean created) {
    public ResolvedContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
    }
}
