package io.parley.delivery;

import io.parley.delivery.internal.OutboundAnonymizer;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import java.util.Collection;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Content retention for the outbox. When messages are anonymized, the outbound rows that carried them keep only
 * {@code {"anonymized": true, "kind": "<kind>"}}: ids, status, attempts and errors stay for operations, the text,
 * caption or template parameters go. Such a row is never sent again: a delivery attempt ends it as {@code failed}
 * ({@code content_removed}), and its dead letter cannot be replayed. Deleted messages take their outbound rows and
 * dead letters with them ({@code on delete cascade}).
 */
@Service
public class OutboundRetention {
    /** The error code of a message whose content was removed before it could be sent. */
    public static final String CONTENT_REMOVED = "content_removed";

    private final OutboundAnonymizer anonymizer;

    OutboundRetention(OutboundAnonymizer anonymizer) {
        this.anonymizer = anonymizer;
    }

    /**
     * Anonymizes the outbound payloads of these messages of the organization, in the caller's transaction (the one
     * that anonymizes the messages). A re-run changes nothing. Returns how many rows changed.
     */
    @Transactional
    public int anonymize(OrganizationId organization, Collection<MessageId> messageIds) {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(messageIds, "messageIds");
        return anonymizer.anonymize(organization, messageIds);
    }
}
