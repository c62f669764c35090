package io.parley.media.internal;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.media.MediaFetch;
import io.parley.media.MediaObjectId;
import io.parley.media.MediaSource;
import io.parley.media.MediaStatus;
import io.parley.media.MediaStore;
import io.parley.platform.channel.ChannelType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of a media download job: fetch through the channel's {@link MediaSource}, check size and sha256,
 * move the file into the {@link MediaStore} and mark the row stored. Re-running it after a crash is harmless: a
 * stored or failed row is left alone, and the storage key depends only on the row, so a second run replaces the
 * file of the first instead of adding one.
 */
@Component
public class MediaDownloader {
    private static final Logger log = LoggerFactory.getLogger(MediaDownloader.class);

    private final MediaRepository repository;
    private final Map<ChannelType, MediaSource> sources;
    private final MediaStore store;
    private final MediaProperties properties;
    private final MediaQuota quota;
    private final SystemEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MediaDownloader(
            MediaRepository repository,
            List<MediaSource> sources,
            MediaStore store,
            MediaProperties properties,
            MediaQuota quota,
            SystemEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.repository = repository;
        this.sources = sources.stream().collect(Collectors.toMap(MediaSource::channel, Function.identity()));
        this.store = store;
        this.properties = properties;
        this.quota = quota;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Returns when to try again, or empty when the object is stored or failed for good. */
    public Optional<Instant> attempt(MediaObjectId id) {
        Optional<MediaRow> found = repository.find(id).filter(row -> row.status() == MediaStatus.PENDING);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MediaRow row = found.get();
        int attempt = repository.startAttempt(id, clock.instant());
        if (attempt == 0) {
            return Optional.empty();
        }
        MediaSource source = sources.get(row.channel());
        if (source == null) {
            fail(row, attempt, "unsupported_channel", "No media source for channel " + row.channel());
            return Optional.empty();
        }
        MediaQuota.Allowance allowance = quota.allowance(row, properties.maxBytes(row.kind()));
        if (allowance.exhausted()) {
            quota.skip(row);
            return Optional.empty();
        }
        Path staging = null;
        try {
            staging = store.newStagingFile(row.id().toString());
            return download(row, attempt, source, staging, allowance);
        } catch (IOException e) {
            throw new UncheckedIOException("Media store unavailable", e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private Optional<Instant> download(
            MediaRow row, int attempt, MediaSource source, Path staging, MediaQuota.Allowance allowance)
            throws IOException {
        long maxBytes = allowance.maxBytes();
        MediaFetch outcome;
        DigestingSink sink = new DigestingSink(staging);
        try (sink) {
            outcome = source.fetch(row.channelAccountId(), row.providerMediaId(), maxBytes, sink);
        }
        return switch (outcome) {
            case MediaFetch.Failed failed
            when allowance.quotaBound() && "too_large".equals(failed.code()) -> {
                quota.skip(row);
                yield Optional.empty();
            }
            case MediaFetch.Failed failed -> {
                fail(row, attempt, failed.code(), failed.detail());
                yield Optional.empty();
            }
            case MediaFetch.RetryLater retry -> retryOrFail(row, attempt, retry.code(), retry.detail());
            case MediaFetch.Fetched fetched -> {
                if (sink.count() > maxBytes) {
                    if (allowance.quotaBound()) {
                        quota.skip(row);
                    } else {
                        fail(row, attempt, "too_large", "More than " + maxBytes + " bytes");
                    }
                    yield Optional.empty();
                }
                String declared = row.declaredSha256() != null ? row.declaredSha256() : fetched.sha256();
                if (declared != null && !Checksums.matches(sink.sha256(), declared)) {
                    yield retryOrFail(
                            row, attempt, "checksum_mismatch", "The downloaded bytes do not match the declared sha256");
                }
                store(row, staging, fetched.mimeType(), sink.count());
                yield Optional.empty();
            }
        };
    }

    private void store(MediaRow row, Path staging, String mimeType, long size) throws IOException {
        String key = storageKey(row);
        store.put(key, staging);
        switch (quota.storeIfItFits(row, key, mimeType, size)) {
            case STORED -> log.info("Media {} stored ({} bytes)", row.id(), size);
            case OVER_QUOTA -> {
                store.delete(key);
                log.info("Media {} not kept: the organization's media quota is full", row.id());
            }
            // Another run of the same job settled the row; the storage key is the row's, so its file is this one.
            case SETTLED_ELSEWHERE -> log.info("Media {} already settled", row.id());
        }
    }

    /** {@code <org>/<yyyy>/<mm>/<uuid>}: derived from the row only, never from anything the provider named. */
    static String storageKey(MediaRow row) {
        ZonedDateTime created = row.createdAt().atZone(ZoneOffset.UTC);
        return "%s/%04d/%02d/%s".formatted(row.organizationId(), created.getYear(), created.getMonthValue(), row.id());
    }

    private Optional<Instant> retryOrFail(MediaRow row, int attempt, String code, String detail) {
        var policy = properties.retryPolicy();
        if (!policy.allows(attempt)) {
            fail(row, attempt, code, detail);
            return Optional.empty();
        }
        Instant now = clock.instant();
        repository.noteError(row.id(), code, detail, now);
        log.info("Media {} attempt {} failed ({}); retrying", row.id(), attempt, code);
        return Optional.of(now.plus(policy.delayBefore(attempt, null, ThreadLocalRandom.current())));
    }

    private void fail(MediaRow row, int attempts, String code, String detail) {
        transactions.executeWithoutResult(status -> {
            if (repository.markFailed(row.id(), code, detail, clock.instant())) {
                events.record(SystemEvent.of(SystemEvent.Level.WARN, "media.download_failed")
                        .organization(row.organizationId())
                        .conversation(row.conversationId())
                        .with("mediaId", row.id().toString())
                        .with("messageId", row.messageId().toString())
                        .with("channel", row.channel().wireName())
                        .with("kind", row.kind())
                        .with("reason", code)
                        .with("detail", detail)
                        .with("attempts", attempts)
                        .build());
            }
        });
    }

    private static void deleteQuietly(Path staging) {
        if (staging == null) {
            return;
        }
        try {
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            log.warn("Could not delete a media staging file: {}", e.getClass().getSimpleName());
        }
    }
}
