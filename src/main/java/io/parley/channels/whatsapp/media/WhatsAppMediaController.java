package io.parley.channels.whatsapp.media;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.delivery.MediaKind;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.web.Problems;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Outbound media upload: the file goes to Meta ({@code /{phone-number-id}/media} with the chatbot's WhatsApp token)
 * and the answer is Meta's media id, to send as {@code {"media": {"kind": ..., "id": ...}}}. Parley keeps no copy.
 */
@RestController
@EnableConfigurationProperties(WhatsAppUploadProperties.class)
class WhatsAppMediaController {
    private final ChannelAccounts accounts;
    private final GraphUpload upload;
    private final WhatsAppUploadProperties limits;

    WhatsAppMediaController(ChannelAccounts accounts, GraphUpload upload, WhatsAppUploadProperties limits) {
        this.accounts = accounts;
        this.upload = upload;
        this.limits = limits;
    }

    record Uploaded(String id, String kind, String mimeType, long size) {}

    /**
     * @param kind           image, video, audio or document; derived from the file's content type when absent
     * @param channelAccount which WhatsApp number to upload for, when the chatbot has several
     */
    @PostMapping("/api/v1/chatbots/{botId}/media")
    @RequiresRole(Role.AGENT)
    ResponseEntity<?> upload(
            @PathVariable String botId,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "channelAccountId", required = false) String channelAccount) {
        ChannelAccount account = account(Ids.parse(botId, "chatbot", ChatbotId::new), channelAccount);
        if (file == null) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "Upload the file as multipart/form-data field " + "\"file\"",
                    Map.of("field", "file"));
        }
        String mimeType = file.getContentType() == null
                ? null
                : file.getContentType().split(";")[0].strip();
        MediaKind mediaKind = kind == null
                ? MediaKind.forMimeType(mimeType).orElse(null)
                : MediaKind.fromWire(kind)
                        .orElseThrow(() -> new InvalidRequestException(
                                "validation_failed",
                                "kind must be one of " + MediaKind.wireNames(),
                                Map.of("field", "kind")));
        if (mediaKind == null || !mediaKind.accepts(mimeType)) {
            List<String> accepted = mediaKind == null
                    ? MediaKind.wireNames().stream()
                            .flatMap(k -> MediaKind.fromWire(k).orElseThrow().mimeTypes().stream())
                            .toList()
                    : mediaKind.mimeTypes();
            return problem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "WhatsApp does not accept "
                            + mimeType + (mediaKind == null ? "" : " as " + mediaKind.wireName()) + "; accepted: "
                            + String.join(", ", accepted),
                    Map.of("accepted", accepted));
        }
        if (file.isEmpty()) {
            throw new InvalidRequestException("validation_failed", "file is empty", Map.of("field", "file"));
        }
        long max = limits.maxBytes(mediaKind);
        if (file.getSize() > max) {
            return problem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "content_too_large",
                    "A WhatsApp " + mediaKind.wireName() + " can have at most "
                            + WhatsAppUploadProperties.readable(max),
                    Map.of("max", max, "size", file.getSize(), "kind", mediaKind.wireName()));
        }
        try {
            String id = upload.upload(
                    account.externalId(),
                    accounts.whatsAppCredentials(account.id()).accessToken(),
                    mimeType,
                    file.getOriginalFilename(),
                    file.getBytes());
            return ResponseEntity.ok(new Uploaded(id, mediaKind.wireName(), mimeType, file.getSize()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ChannelAccount account(ChatbotId bot, String channelAccount) {
        List<ChannelAccount> whatsApp = accounts.list(bot).stream()
                .filter(a -> ChannelType.WHATSAPP.equals(a.type()))
                .toList();
        if (channelAccount != null) {
            ChannelAccountId wanted = Ids.parse(channelAccount, "channel_account", ChannelAccountId::new);
            return whatsApp.stream()
                    .filter(a -> a.id().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new InvalidRequestException(
                            "validation_failed",
                            "channelAccountId is not a WhatsApp number of " + "this chatbot",
                            Map.of("field", "channelAccountId")));
        }
        if (whatsApp.size() != 1) {
            throw new InvalidRequestException(
                    whatsApp.isEmpty() ? "no_whatsapp_channel" : "validation_failed",
                    whatsApp.isEmpty()
                            ? "This chatbot has no WhatsApp number to upload media for"
                            : "This chatbot has several WhatsApp numbers; give channelAccountId",
                    Map.of("field", "channelAccountId"));
        }
        return whatsApp.getFirst();
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String code, String detail, Map<String, Object> context) {
        ProblemDetail body = Problems.of(status, code, detail);
        context.forEach(body::setProperty);
        return ResponseEntity.status(status).body(body);
    }
}
