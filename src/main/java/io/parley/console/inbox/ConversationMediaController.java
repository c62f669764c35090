package io.parley.console.inbox;

import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.ConversationSummary;
import io.parley.media.MediaInfo;
import io.parley.media.MediaLibrary;
import io.parley.media.MediaObjectId;
import io.parley.platform.Ids;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A conversation's stored media for the console's transcript, once the conversation is found in the signed-in
 * organization (another organization's media is not found). Like the API's route: the browser may not sniff, and
 * only plain raster images, audio and video are shown inline; anything else is a download.
 */
@Controller
class ConversationMediaController {
    private static final Set<String> INLINE_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");

    private final ConversationPage page;
    private final MediaLibrary media;

    ConversationMediaController(ConversationPage page, MediaLibrary media) {
        this.page = page;
        this.media = media;
    }

    @GetMapping("/console/conversations/{conversationId}/media/{mediaId}")
    ResponseEntity<Resource> media(
            @PathVariable String conversationId, @PathVariable String mediaId, HttpServletRequest request) {
        ConversationSummary conversation = page.find(ConsoleUser.of(request), conversationId);
        MediaLibrary.Content content = media.open(conversation.id(), Ids.parse(mediaId, "media", MediaObjectId::new));
        MediaInfo info = content.info();
        MediaType type = mediaType(info.mimeType());
        boolean inline = INLINE_TYPES.contains(type.getType() + "/" + type.getSubtype())
                || type.getType().equals("audio")
                || type.getType().equals("video");
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(info.id().toString())
                .build();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
        if (info.sizeBytes() != null) {
            answer.contentLength(info.sizeBytes());
        }
        return answer.body(new InputStreamResource(content.bytes()));
    }

    private static MediaType mediaType(String mimeType) {
        if (mimeType == null) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType parsed = MediaType.parseMediaType(mimeType);
            return parsed.isConcrete() ? parsed : MediaType.APPLICATION_OCTET_STREAM;
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
