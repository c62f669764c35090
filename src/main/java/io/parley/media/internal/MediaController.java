package io.parley.media.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.media.MediaDownloads;
import io.parley.media.MediaLibrary;
import io.parley.media.MediaObjectId;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import org.springframework.core.io.Resource;
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
    private final MediaLibrary media;

    MediaController(MediaLibrary media) {
        this.media = media;
    }

    @GetMapping("/conversations/{conversationId}/media/{mediaId}")
    ResponseEntity<Resource> get(@PathVariable String conversationId, @PathVariable String mediaId) {
        MediaLibrary.Content content = media.open(
                Ids.parse(conversationId, "conversation", ConversationId::new),
                Ids.parse(mediaId, "media", MediaObjectId::new));
        return MediaDownloads.response(content, false);
    }
}
