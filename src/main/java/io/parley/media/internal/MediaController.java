package io.parley.media.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.media.MediaInfo;
import io.parley.media.MediaLibrary;
import io.parley.media.MediaObjectId;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored media to the dashboard and API clients. The type comes from the provider, so browsers are told
 * not to sniff, and anything but a plain raster image is offered as a download rather than rendered.
 */
@RequiresRole(Role.AGENT)
@RestController
@RequestMapping("/api/v1")
class MediaController {
    private static final Set<String> INLINE_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");

    private final MediaLibrary media;

    MediaController(MediaLibrary media) {
        this.media = media;
    }

    @GetMapping("/conversations/{conversationId}/media/{mediaId}")
    ResponseEntity<Resource> get(@PathVariable String conversationId, @PathVariable String mediaId) {
        MediaLibrary.Content content = media.open(
                Ids.parse(conversationId, "conversation", ConversationId::new),
                Ids.parse(mediaId, "media", MediaObjectId::new));
        MediaInfo info = content.info();
        MediaType type = mediaType(info.mimeType());
        String baseType = type.getType() + "/" + type.getSubtype();
        ContentDisposition disposition = (INLINE_TYPES.contains(baseType)
                        ? ContentDisposition.inline()
                        : ContentDisposition.attachment())
                .filename(info.id() + "")
                .build();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
        if (info.sizeBytes() != null) {
            response.contentLength(info.sizeBytes());
        }
        return response.body(new InputStreamResource(content.bytes()));
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
