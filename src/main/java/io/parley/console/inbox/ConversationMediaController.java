package io.parley.console.inbox;

import io.parley.console.shell.ConsoleUser;
import io.parley.conversation.ConversationSummary;
import io.parley.media.MediaDownloads;
import io.parley.media.MediaLibrary;
import io.parley.media.MediaObjectId;
import io.parley.platform.Ids;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.Resource;
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
        return MediaDownloads.response(content, true);
    }
}
