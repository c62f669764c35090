package io.parley.media;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.util.Objects;
import java.util.Set;

/**
 * An attachment of a received message, as the channel announced it.
 *
 * @param kind            image, video, audio, document or sticker: selects the size limit
 * @param providerMediaId the channel's id for the file (WhatsApp media id); unique per channel account
 * @param mimeType        the announced type, or null
 * @param sha256          the announced checksum (base64 or hex), or null
 */
public record InboundMedia(
        OrganizationId organizationId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        ConversationId conversationId,
        MessageId messageId,
        String kind,
        String providerMediaId,
        String mimeType,
        String sha256) {
    public static final Set<String> KINDS = Set.of("image", "video", "audio", "document", "sticker");

    public InboundMedia {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(channelAccountId, "channelAccountId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + KINDS + ", was " + kind);
        }
        if (providerMediaId == null || providerMediaId.isBlank()) {
            throw new IllegalArgumentException("providerMediaId must not be blank");
        }
    }
}
