package io.parley.media;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;
import java.io.OutputStream;

/**
 * Port: a channel that can hand over the bytes of media it announced. Implementations resolve their credentials
 * themselves, never log them, and stop writing once {@code maxBytes} would be exceeded (answering
 * {@link MediaFetch.Failed} with {@code too_large}); they never throw for provider or network errors.
 */
public interface MediaSource {

    /** The channel this source serves. */
    ChannelType channel();

    MediaFetch fetch(ChannelAccountId channelAccountId, String providerMediaId, long maxBytes, OutputStream sink);
}
