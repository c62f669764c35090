package io.parley.conversation;

import io.parley.contacts.ContactIdentity;
import io.parley.contacts.IdentityTrust;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message from a contact, as a channel adapter normalized it.
 *
 * @param providerMessageId the channel's id for it (WhatsApp wamid, web chat client message id): the dedupe key
 *                          together with the channel account
 * @param identities        how the channel names the sender; the first one is the primary
 * @param text              plain-text rendering for people and models
 * @param details           type-specific normalized fields, stored as JSON
 * @param needsReply        false for messages that must not trigger a bot reply (reactions, system notices)
 * @param newSession        true to start a new session with this message whatever the chatbot's session timeout
 *                          (the client asked for a fresh start); the model then does not see the earlier ones
 * @param trust             whether the channel proved {@code identities} ({@link IdentityTrust#VERIFIED}: WhatsApp,
 *                          a server's key, a signed user) or a browser merely claims them (ADR 31)
 * @param senderWaits       true when the sender holds its request open for the reply (a client that asked to wait):
 *                          it is not typing a burst, so the turn is due at once, with no quiet window (ADR 49)
 */
public record InboundMessage(
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        String providerMessageId,
        List<ContactIdentity> identities,
        String profileName,
        String type,
        String text,
        Map<String, Object> details,
        String contextMessageId,
        Instant providerTimestamp,
        boolean needsReply,
        boolean newSession,
        IdentityTrust trust,
        boolean senderWaits) {
    public InboundMessage {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(chatbotId, "chatbotId");
        Objects.requireNonNull(channelAccountId, "channelAccountId");
        Objects.requireNonNull(channel, "channel");
        if (providerMessageId == null || providerMessageId.isBlank()) {
            throw new IllegalArgumentException("providerMessageId must not be blank");
        }
        identities = List.copyOf(identities);
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("identities must not be empty");
        }
        text = text == null ? "" : text;
        details = details == null ? Map.of() : details;
        Objects.requireNonNull(trust, "trust");
    }

    /** A message whose sender does not wait for the reply (it may be part of a burst). */
    public InboundMessage(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            String providerMessageId,
            List<ContactIdentity> identities,
            String profileName,
            String type,
            String text,
            Map<String, Object> details,
            String contextMessageId,
            Instant providerTimestamp,
            boolean needsReply,
            boolean newSession,
            IdentityTrust trust) {
        this(
                organizationId,
                chatbotId,
                channelAccountId,
                channel,
                providerMessageId,
                identities,
                profileName,
                type,
                text,
                details,
                contextMessageId,
                providerTimestamp,
                needsReply,
                newSession,
                trust,
                false);
    }

    /** A message whose identities the channel proved (as WhatsApp does). */
    public InboundMessage(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            String providerMessageId,
            List<ContactIdentity> identities,
            String profileName,
            String type,
            String text,
            Map<String, Object> details,
            String contextMessageId,
            Instant providerTimestamp,
            boolean needsReply,
            boolean newSession) {
        this(
                organizationId,
                chatbotId,
                channelAccountId,
                channel,
                providerMessageId,
                identities,
                profileName,
                type,
                text,
                details,
                contextMessageId,
                providerTimestamp,
                needsReply,
                newSession,
                IdentityTrust.VERIFIED);
    }

    /** A message that continues the current session unless the chatbot's session timeout passed. */
    public InboundMessage(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            String providerMessageId,
            List<ContactIdentity> identities,
            String profileName,
            String type,
            String text,
            Map<String, Object> details,
            String contextMessageId,
            Instant providerTimestamp,
            boolean needsReply) {
        this(
                organizationId,
                chatbotId,
                channelAccountId,
                channel,
                providerMessageId,
                identities,
                profileName,
                type,
                text,
                details,
                contextMessageId,
                providerTimestamp,
                needsReply,
                false);
    }
}
