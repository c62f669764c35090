package io.parley.media;

import io.parley.media.internal.MediaDownloadJob;
import io.parley.media.internal.MediaProperties;
import io.parley.media.internal.MediaRepository;
import io.parley.media.internal.MediaRow;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConflictException;
import io.parley.platform.ConversationId;
import io.parley.platform.Jobs;
import io.parley.platform.MessageId;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@EnableConfigurationProperties(MediaProperties.class)
public class MediaLibrary {
    private static final Logger log = LoggerFactory.getLogger(MediaLibrary.class);
    private static final int DELETE_BATCH = 500;

    private final MediaRepository repository;
    private final MediaStore store;
    private final Jobs jobs;
    private final Clock clock;

    MediaLibrary(MediaRepository repository, MediaStore store, Jobs jobs, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Records an attachment of a just-stored message and schedules its download, in the caller's transaction.
     * The same provider media id of the same channel account again stores and schedules nothing.
     */
    @Transactional
    public boolean register(InboundMedia media) {
        Objects.requireNonNull(media, "media");
        MediaObjectId id = new MediaObjectId(UUID.randomUUID());
        Instant now = clock.instant();
        boolean created = repository.insert(id, media, now);
        if (created) {
            jobs.scheduleIfAbsent(MediaDownloadJob.TASK, id.toString(), now);
        }
        return created;
    }

    /**
     * Records an attachment that will not be downloaded ({@code reason}: e.g. {@code throttled}, its message was over
     * an inbound rate limit), in the caller's transaction: the message shows why it has no file.
     */
    @Transactional
    public boolean registerSkipped(InboundMedia media, String reason) {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(reason, "reason");
        return repository.insertSkipped(new MediaObjectId(UUID.randomUUID()), media, reason, clock.instant());
    }

    /** The media of these messages, by message; messages without media are absent. */
    public Map<MessageId, MediaInfo> forMessages(Collection<MessageId> messageIds) {
        return repository.forMessages(messageIds).stream()
                .map(MediaLibrary::info)
                .collect(Collectors.toMap(MediaInfo::messageId, Function.identity(), (a, b) -> a));
    }

    /** A media object of this conversation; another conversation's (so another tenant's) id is not found. */
    public MediaInfo get(ConversationId conversationId, MediaObjectId id) {
        return info(row(conversationId, id));
    }

    /** Stored bytes to stream to a client; the caller closes the stream. */
    public record Content(MediaInfo info, InputStream bytes) {}

    /** The bytes of a stored media object; 409 {@code media_not_ready} / {@code media_failed} / {@code media_skipped}. */
    public Content open(ConversationId conversationId, MediaObjectId id) {
        MediaRow row = row(conversationId, id);
        switch (row.status()) {
            case PENDING ->
                throw new ConflictException(
                        "media_not_ready", "Media '" + id + "' is still being downloaded", Map.of("status", "pending"));
            case FAILED ->
                throw new ConflictException(
                        "media_failed",
                        "Media '" + id + "' could not be downloaded: " + row.errorCode(),
                        Map.of("status", "failed", "reason", Objects.requireNonNullElse(row.errorCode(), "unknown")));
            case SKIPPED ->
                throw new ConflictException(
                        "media_skipped",
                        "Media '" + id + "' was not downloaded: " + row.errorCode(),
                        // No "status" property here: it would overwrite the problem's own status (409) in the body.
                        Map.of("reason", Objects.requireNonNullElse(row.errorCode(), "unknown")));
            case STORED -> {}
        }
        try {
            return new Content(info(row), store.open(row.storagePath()));
        } catch (IOException e) {
            log.error("Stored media {} cannot be read: {}", id, e.getClass().getSimpleName());
            throw notFound(id);
        }
    }

    /**
     * Retention: deletes the organization's media (files and rows) received before {@code cutoff}; returns how
     * many objects were deleted.
     */
    public int deleteOlderThan(OrganizationId organizationId, Instant cutoff) {
        return deleteMatching(organizationId, Objects.requireNonNull(cutoff, "cutoff"));
    }

    /** Deletes all of the organization's media, files included; call before deleting the organization. */
    public int deleteAll(OrganizationId organizationId) {
        return deleteMatching(organizationId, null);
    }

    /** Deletes the media (files and rows) of conversations on these channel accounts, before the accounts go. */
    public int deleteForChannels(OrganizationId organizationId, Collection<ChannelAccountId> channelAccountIds) {
        Objects.requireNonNull(organizationId, "organizationId");
        return channelAccountIds.isEmpty()
                ? 0
                : deleteBatches(
                        organizationId,
                        () -> repository.listForChannels(organizationId, channelAccountIds, DELETE_BATCH));
    }

    private int deleteMatching(OrganizationId organizationId, Instant cutoff) {
        Objects.requireNonNull(organizationId, "organizationId");
        return deleteBatches(organizationId, () -> repository.listForDeletion(organizationId, cutoff, DELETE_BATCH));
    }

    private int deleteBatches(OrganizationId organizationId, Supplier<List<MediaRow>> nextBatch) {
        int deleted = 0;
        while (true) {
            List<MediaRow> batch = nextBatch.get();
            if (batch.isEmpty()) {
                return deleted;
            }
            for (MediaRow row : batch) {
                deleteFile(row);
            }
            deleted += repository.delete(
                    organizationId, batch.stream().map(MediaRow::id).toList());
        }
    }

    private void deleteFile(MediaRow row) {
        if (row.storagePath() == null) {
            return;
        }
        try {
            store.delete(row.storagePath());
        } catch (IOException e) {
            // The row goes anyway: nothing serves a file without its row, and a failing disk must not stop retention.
            log.warn(
                    "Could not delete the file of media {}: {}",
                    row.id(),
                    e.getClass().getSimpleName());
        }
    }

    private MediaRow row(ConversationId conversationId, MediaObjectId id) {
        return repository.find(conversationId, id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(MediaObjectId id) {
        return new NotFoundException("media_not_found", "No media with id '" + id + "'");
    }

    private static MediaInfo info(MediaRow row) {
        return new MediaInfo(
                row.id(),
                row.conversationId(),
                row.messageId(),
                row.kind(),
                row.mimeType(),
                row.sizeBytes(),
                row.status(),
                row.errorCode(),
                MediaInfo.urlOf(row.conversationId(), row.id()));
    }
}
