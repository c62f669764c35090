package io.parley.console.inbox;

import io.parley.conversation.ConversationSummary;
import io.parley.conversation.ServiceWindows;
import io.parley.delivery.MediaKind;
import io.parley.delivery.OutboundContent;
import io.parley.delivery.OutboundMediaUploads;
import io.parley.platform.channel.Channels;
import io.parley.templates.MessageTemplate;
import io.parley.templates.MessageTemplates;
import io.parley.templates.TemplateStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the composer of a conversation offers: free text while the contact's service window is open (or the channel
 * has none), otherwise the channel account's approved templates. Each render carries a fresh idempotency key, so a
 * double click sends once. An attachment is a file uploaded through the channel when it takes uploads, otherwise an
 * https link.
 */
@Component
class ConversationComposer {
    /** What the file input offers: every content type some media kind takes. */
    private static final String ACCEPTED_TYPES = String.join(
            ",",
            java.util.Arrays.stream(MediaKind.values())
                    .flatMap(k -> k.mimeTypes().stream())
                    .toList());

    private final ServiceWindows windows;
    private final MessageTemplates templates;
    private final Channels channels;
    private final OutboundMediaUploads uploads;
    private final Clock clock;

    ConversationComposer(
            ServiceWindows windows,
            MessageTemplates templates,
            Channels channels,
            OutboundMediaUploads uploads,
            Clock clock) {
        this.windows = windows;
        this.templates = templates;
        this.channels = channels;
        this.uploads = uploads;
        this.clock = clock;
    }

    /**
     * @param hasWindow      the channel restricts free text to a service window
     * @param expiresAt      when the window closes (closed), or null when the contact never wrote
     * @param open           free text may be sent now
     * @param templates      approved templates of the conversation's channel account (only when not open)
     * @param idempotencyKey the key the composer's forms send with
     * @param canUpload      files are uploaded through the channel (otherwise attachments go by link)
     * @param accept         the content types a file may have, for the file input's {@code accept}
     * @param limits         the readable size limit per media kind wire name (only when files can be uploaded)
     * @param limitsByType   JSON for the page's script: each accepted content type → [max bytes, readable limit]
     */
    record State(
            boolean hasWindow,
            Instant expiresAt,
            boolean open,
            List<MessageTemplate> templates,
            String idempotencyKey,
            boolean canUpload,
            String accept,
            Map<String, String> limits,
            String limitsByType) {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        public String expiresAtText() {
            return expiresAt == null ? "" : TIME.format(expiresAt);
        }
    }

    boolean windowOpen(ConversationSummary conversation) {
        return !channels.hasServiceWindow(conversation.channel())
                || windows.window(conversation.id())
                        .map(w -> w.isOpenAt(clock.instant()))
                        .orElse(false);
    }

    State state(ConversationSummary conversation) {
        boolean hasWindow = channels.hasServiceWindow(conversation.channel());
        Instant expiresAt = hasWindow ? windows.expiresAt(conversation.id()).orElse(null) : null;
        boolean open = windowOpen(conversation);
        List<MessageTemplate> approved = open ? List.of() : approvedTemplates(conversation);
        boolean canUpload = uploads.supports(conversation.channel());
        Map<String, String> limits = new HashMap<>();
        StringBuilder byType = new StringBuilder("{");
        if (canUpload) {
            for (MediaKind kind : MediaKind.values()) {
                long max = uploads.maxBytes(conversation.channel(), kind);
                String readable = OutboundMediaUploads.readable(max);
                limits.put(kind.wireName(), readable);
                for (String type : kind.mimeTypes()) {
                    byType.append(byType.length() > 1 ? "," : "")
                            .append("\"%s\":[%d,\"%s\"]".formatted(type, max, readable));
                }
            }
        }
        return new State(
                hasWindow,
                expiresAt,
                open,
                approved,
                "console-" + UUID.randomUUID(),
                canUpload,
                ACCEPTED_TYPES,
                Map.copyOf(limits),
                byType.append('}').toString());
    }

    /**
     * What the composer's form sends: an uploaded file (the text becomes its caption), else a file by https link,
     * else the text alone. A file on a channel that takes no uploads, of a type no media kind has, empty or over its
     * kind's limit is refused (400) before anything is sent.
     */
    OutboundContent content(
            ConversationSummary conversation, String text, String kind, String link, MultipartFile file) {
        if (file != null && !(file.isEmpty() && blank(file.getOriginalFilename()))) {
            OutboundMediaUploads.UploadedMedia uploaded = uploads.upload(
                    conversation.channel(),
                    conversation.channelAccountId(),
                    file.getOriginalFilename(),
                    file.getContentType(),
                    bytes(file));
            return uploaded.content(text);
        }
        if (link.isBlank()) {
            return new OutboundContent.Text(text);
        }
        String caption = text.isBlank() || kind.equals("audio") ? null : text.strip();
        return new OutboundContent.Media(kind.isBlank() ? "document" : kind, link.strip(), null, caption, null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<MessageTemplate> approvedTemplates(ConversationSummary conversation) {
        return templates.list(conversation.chatbotId()).stream()
                .filter(t -> t.channelAccountId().equals(conversation.channelAccountId()))
                .filter(t -> t.status() == TemplateStatus.APPROVED)
                .toList();
    }
}
