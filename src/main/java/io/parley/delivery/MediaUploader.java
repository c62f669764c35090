package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;

/**
 * Port: a channel that takes a file ahead of a send and answers the provider's reference to it, which a
 * {@link OutboundContent.Media} then carries as its {@code id}. Implementations resolve the channel account's
 * credentials themselves and never log them; callers go through {@link OutboundMediaUploads}, which checks kind and
 * size first.
 */
public interface MediaUploader {

    /** The channel this uploader serves. */
    ChannelType channel();

    /** The most bytes a file of this kind may have on this channel. */
    long maxBytes(MediaKind kind);

    /**
     * Uploads the file for the channel account and answers the provider's media id. A refusal or an unreachable
     * provider is an {@link io.parley.platform.UpstreamException}.
     */
    String upload(ChannelAccountId channelAccountId, String filename, String contentType, byte[] bytes);
}
