package io.parley.channels.whatsapp.inbound;

import io.parley.channels.whatsapp.inbound.payload.WaInboundMessage;
import io.parley.conversation.Receipt;
import io.parley.media.InboundMedia;
import io.parley.media.MediaLibrary;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import org.springframework.stereotype.Component;

/** Hands the attachment of a newly stored message to the media library, which schedules its download. */
@Component
class WaInboundMedia {
    private final MediaLibrary media;

    WaInboundMedia(MediaLibrary media) {
        this.media = media;
    }

    /**
     * In the ingress transaction, only for a message stored now (a redelivery has no receipt ids). The attachment of a
     * throttled message is recorded as skipped and never downloaded.
     */
    void register(ChannelAccount account, WaInboundMessage message, Receipt receipt) {
        if (receipt.duplicate()
                || !InboundMedia.KINDS.contains(message.type())
                || !(message.details().get("id") instanceof String mediaId)
                || mediaId.isBlank()) {
            return;
        }
        InboundMedia attachment = new InboundMedia(
                account.organizationId(),
                account.id(),
                ChannelType.WHATSAPP,
                receipt.conversationId(),
                receipt.messageId(),
                message.type(),
                mediaId,
                (String) message.details().get("mime_type"),
                (String) message.details().get("sha256"));
        if (receipt.throttled()) {
            // A flood over the rate limit must not turn into downloads and disk: the row only says why there is none.
            media.registerSkipped(attachment, "throttled");
        } else {
            media.register(attachment);
        }
    }
}
