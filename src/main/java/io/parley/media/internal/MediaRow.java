package io.parley.media.internal;

import io.parley.media.MediaObjectId;
import io.parley.media.MediaStatus;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.time.Instant;

/** One {@code media_objects} row. */
public record MediaRow(
        MediaObjectId id,
        OrganizationId organizationId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        ConversationId conversationId,
        MessageId messageId,
        String providerMediaId,
        String kind,
        String mimeType,
        String declaredSha256,
        Long sizeBytes,
        MediaStatus status,
        String storagePath,
        String errorCode,
        String errorDetail,
        int attempts,
        Instant createdAt) {}
