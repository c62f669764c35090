package io.parley.outreach;

import java.util.List;
import java.util.UUID;

/**
 * What a broadcast did, per contact after duplicates were removed.
 *
 * @param total    distinct contacts (the same contact by id and by phone counts once)
 * @param queued   messages queued on the campaign lane
 * @param rejected contacts that got no message (see each result's reason)
 */
public record BroadcastResult(UUID id, int total, int queued, int rejected, List<ContactResult> results) {
    public static final String QUEUED = "queued";
    public static final String REJECTED = "rejected";

    /**
     * @param contact   the entry as the caller gave it (a contact id or a phone number)
     * @param reason    why it was rejected: {@code unknown_contact}, {@code invalid_phone}, {@code not_on_whatsapp},
     *                  {@code pilot_mode_outbound_blocked} (the chatbot's pilot mode does not allow the contact)
     * @param contactId the contact it resolved to, if any
     */
    public record ContactResult(String contact, String status, String reason, UUID contactId, UUID messageId) {
        static ContactResult queued(String contact, UUID contactId, UUID messageId) {
            return new ContactResult(contact, QUEUED, null, contactId, messageId);
        }

        static ContactResult rejected(String contact, String reason, UUID contactId) {
            return new ContactResult(contact, REJECTED, reason, contactId, null);
        }
    }
}
