package io.parley.conversation.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.InboundMessage;
import io.parley.conversation.internal.ConversationRepository.NewMessage;
import io.parley.delivery.Deliveries;
import io.parley.delivery.OutboundRequest;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.ratelimit.InboundLimits;
import io.parley.ratelimit.RateDecision;
import io.parley.ratelimit.RateLimits;
import io.parley.usage.Limits;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Inbound rate limits on the receive path, after the message is stored (it stays stored and acknowledged): a
 * throttled message gets no turn, so no model call and no reply, except one short notice per hour per contact.
 */
@Component
public class InboundThrottle {
    private static final Logger log = LoggerFactory.getLogger(InboundThrottle.class);

    private final RateLimits rateLimits;
    private final ConversationRepository repository;
    private final Contacts contacts;
    private final Deliveries deliveries;
    private final Limits usageLimits;

    private final Recipients recipients;
    private final PilotGate pilot;

    InboundThrottle(
            RateLimits rateLimits,
            ConversationRepository repository,
            Contacts contacts,
            Deliveries deliveries,
            Limits usageLimits,
            Recipients recipients,
            PilotGate pilot) {
        this.pilot = pilot;
        this.recipients = recipients;
        this.rateLimits = rateLimits;
        this.usageLimits = usageLimits;
        this.repository = repository;
        this.contacts = contacts;
        this.deliveries = deliveries;
    }

    /** True when the stored message must not start a turn; it is then marked throttled. */
    public boolean throttled(
            InboundMessage message,
            ContactId contactId,
            ConversationId conversationId,
            MessageId messageId,
            Instant now) {
        RateDecision decision =
                rateLimits.tryConsume(message.organizationId(), message.chatbotId(), contactId, limitsFor(message));
        if (decision.allowed()) {
            return false;
        }
        String scope = decision.deniedBy().name().toLowerCase();
        log.info("Inbound message {} throttled by the {} rate limit", messageId, scope);
        repository.markThrottled(messageId, scope);
        if (decision.sendNotice()) {
            sendNotice(message, contactId, conversationId, now);
        }
        return true;
    }

    /** The node's limits, with the organization's per-contact rate when its plan or override is stricter. */
    private InboundLimits limitsFor(InboundMessage message) {
        InboundLimits node = rateLimits.defaults();
        Integer perContact = usageLimits.effective(message.organizationId()).ratePerHourPerContact();
        return perContact == null || perContact < 1 || perContact >= node.perContactPerHour()
                ? node
                : new InboundLimits(node.perChatbotPerHour(), perContact);
    }

    private void sendNotice(InboundMessage message, ContactId contactId, ConversationId conversationId, Instant now) {
        Contact contact = contacts.find(contactId).orElseThrow();
        if (!pilot.admits(message.chatbotId(), message.channel(), contact)) {
            return; // pilot mode: nothing is sent to a contact outside the allowlist, not even this notice
        }
        String text = rateLimits.noticeText();
        MessageId noticeId = new MessageId(UUID.randomUUID());
        repository.insertMessage(new NewMessage(
                noticeId,
                message.organizationId(),
                conversationId,
                "assistant",
                "text",
                text,
                "{\"rateLimitNotice\":true}",
                null,
                null,
                null,
                false,
                now));
        repository.touchConversation(conversationId, now);
        deliveries.enqueue(new OutboundRequest(
                message.organizationId(),
                conversationId,
                noticeId,
                message.channelAccountId(),
                message.channel(),
                recipients.of(message.channel(), contact),
                text));
    }
}
