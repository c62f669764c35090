package io.parley.media;

import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;

/**
 * What a client may know about a media object: never the provider's URL or the storage path.
 *
 * @param url       Parley's API path serving the bytes (only useful once {@code status} is stored)
 * @param errorCode why it failed ({@code too_large}, {@code checksum_mismatch}, {@code media_expired}, ...) or was
 *                  skipped ({@code quota_exceeded}, {@code throttled}), or null
 */
public record MediaInfo(
        MediaObjectId id,
        ConversationId conversationId,
        MessageId messageId,
        String kind,
        String mimeType,
        Long sizeBytes,
        MediaStatus status,
        String errorCode,
        String url) {

    static String urlOf(ConversationId conversationId, MediaObjectId id) {
        return "/api/v1/conversations/" + conversationId + "/media/" + id;
    }
}
