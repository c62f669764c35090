package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelCapabilities.OutboundKind;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.Channels;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Files sent as uploaded media: picks the {@link MediaUploader} of the conversation's channel type, refuses what the
 * channel would refuse (a content type of no media kind, an empty file, a file over its kind's limit: each a 400
 * naming the limit, before any byte leaves) and answers the provider's reference as a sendable
 * {@link OutboundContent.Media}. Channels that take no uploads send media by link instead.
 */
@Service
public class OutboundMediaUploads {
    /** A document's filename as {@link OutboundContent.Media} allows it; longer names keep their end (the extension). */
    private static final int MAX_FILENAME = 240;

    private final Map<ChannelType, MediaUploader> uploaders;
    private final Channels channels;

    OutboundMediaUploads(List<MediaUploader> uploaders, Channels channels) {
        this.uploaders = uploaders.stream().collect(Collectors.toMap(MediaUploader::channel, Function.identity()));
        this.channels = channels;
    }

    /** A file uploaded to the provider, ready to send. */
    public record UploadedMedia(MediaKind kind, String id, String contentType, String filename, long size) {
        /** The message that sends it; the caption is dropped for audio, the filename kept for documents only. */
        public OutboundContent.Media content(String caption) {
            String text = caption == null || caption.isBlank() || kind == MediaKind.AUDIO ? null : caption.strip();
            String name = kind == MediaKind.DOCUMENT && filename != null && !filename.isBlank() ? filename : null;
            return new OutboundContent.Media(kind.wireName(), null, id, text, name);
        }
    }

    /** Whether files can be uploaded for conversations of this channel type. */
    public boolean supports(ChannelType channel) {
        return uploaders.containsKey(channel)
                && channels.find(channel)
                        .map(d -> d.capabilities().supports(OutboundKind.MEDIA_UPLOADED))
                        .orElse(false);
    }

    /** The limit for a kind on this channel, or 0 when the channel takes no uploads. */
    public long maxBytes(ChannelType channel, MediaKind kind) {
        return supports(channel) ? uploaders.get(channel).maxBytes(kind) : 0;
    }

    public UploadedMedia upload(
            ChannelType channel, ChannelAccountId channelAccountId, String filename, String contentType, byte[] bytes) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(channelAccountId, "channelAccountId");
        Objects.requireNonNull(bytes, "bytes");
        if (!supports(channel)) {
            throw new InvalidRequestException(
                    "upload_not_supported",
                    "Files cannot be uploaded on a " + channel + " channel; attach one by its https link",
                    Map.of("field", "file", "channel", channel.wireName()));
        }
        MediaKind kind = MediaKind.forMimeType(contentType)
                .orElseThrow(() -> new InvalidRequestException(
                        "unsupported_media_type",
                        "Files of type " + (contentType == null || contentType.isBlank() ? "unknown" : contentType)
                                + " cannot be sent; accepted: " + String.join(", ", accepted()),
                        Map.of("field", "file")));
        if (bytes.length == 0) {
            throw new InvalidRequestException("validation_failed", "The file is empty", Map.of("field", "file"));
        }
        long max = uploaders.get(channel).maxBytes(kind);
        if (bytes.length > max) {
            throw new InvalidRequestException(
                    "content_too_large",
                    (kind.wireName().matches("[aeiou].*") ? "An " : "A ") + kind.wireName() + " can have at most "
                            + readable(max) + "; this file has " + readable(bytes.length),
                    Map.of("field", "file", "max", max, "size", bytes.length));
        }
        String name = filename == null || filename.isBlank() ? kind.wireName() : filename.strip();
        if (name.length() > MAX_FILENAME) {
            name = name.substring(name.length() - MAX_FILENAME);
        }
        String id = uploaders.get(channel).upload(channelAccountId, name, MediaKind.base(contentType), bytes);
        return new UploadedMedia(kind, id, MediaKind.base(contentType), name, bytes.length);
    }

    private static List<String> accepted() {
        return java.util.Arrays.stream(MediaKind.values())
                .flatMap(k -> k.mimeTypes().stream())
                .toList();
    }

    /** A size as people read it: whole MB or KB when exact, otherwise one decimal or bytes. */
    public static String readable(long bytes) {
        if (bytes >= 1L << 20) {
            return bytes % (1L << 20) == 0
                    ? (bytes >> 20) + " MB"
                    : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        }
        if (bytes >= 1024) {
            return bytes % 1024 == 0 ? (bytes >> 10) + " KB" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
