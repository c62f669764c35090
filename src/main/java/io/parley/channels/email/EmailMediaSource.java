package io.parley.channels.email;

import io.parley.media.MediaFetch;
import io.parley.media.MediaSource;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;
import jakarta.mail.Part;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The bytes of an email's attachment for the media download job: read from the archived original, where the
 * media id ({@code <email id>:<part path>}) points. Nothing goes over the network; an attachment past the size
 * limit is {@code too_large}.
 */
@Component
class EmailMediaSource implements MediaSource {
    private final MailArchive archive;

    EmailMediaSource(MailArchive archive) {
        this.archive = archive;
    }

    @Override
    public ChannelType channel() {
        return EmailChannel.TYPE;
    }

    @Override
    public MediaFetch fetch(
            ChannelAccountId channelAccountId, String providerMediaId, long maxBytes, OutputStream sink) {
        int colon = providerMediaId == null ? -1 : providerMediaId.indexOf(':');
        if (colon < 0) {
            return new MediaFetch.Failed("media_not_found", "not an email attachment id");
        }
        Optional<byte[]> raw;
        try {
            raw = archive.raw(channelAccountId, UUID.fromString(providerMediaId.substring(0, colon)));
        } catch (IllegalArgumentException e) {
            return new MediaFetch.Failed("media_not_found", "not an email attachment id");
        }
        if (raw.isEmpty() || raw.get() == null) {
            return new MediaFetch.Failed("media_not_found", "the email is no longer archived");
        }
        try {
            Part part = InboundMail.part(InboundMail.mime(raw.get()), providerMediaId.substring(colon + 1));
            try (InputStream in = part.getInputStream()) {
                byte[] buffer = new byte[8192];
                long total = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        return new MediaFetch.Failed("too_large", "the attachment is larger than allowed");
                    }
                    sink.write(buffer, 0, n);
                }
            }
            String type = part.getContentType() == null
                    ? null
                    : part.getContentType().split(";")[0].strip();
            return new MediaFetch.Fetched(type, null);
        } catch (Exception e) {
            return new MediaFetch.Failed("media_unreadable", e.getClass().getSimpleName());
        }
    }
}
