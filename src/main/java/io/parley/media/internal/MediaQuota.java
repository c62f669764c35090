package io.parley.media.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.usage.Limits;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organization's quota of stored inbound media ({@code maxMediaBytes}, plan data with per-organization
 * overrides; null = unlimited). A download is limited to the space left; a file that does not fit is not kept, and
 * its row ends {@code skipped} with {@code quota_exceeded}. The {@code media.quota_exceeded} event is recorded at
 * most once an hour per organization and node, so a busy organization at its quota does not flood the events.
 */
@Component
class MediaQuota {
    static final String QUOTA_EXCEEDED = "quota_exceeded";

    private final Limits limits;
    private final MediaRepository repository;
    private final SystemEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Cache<OrganizationId, Boolean> told = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(10_000)
            .build();

    MediaQuota(
            Limits limits,
            MediaRepository repository,
            SystemEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.limits = limits;
        this.repository = repository;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The most bytes a download of {@code row} may take: its kind's limit, or less when the quota is nearer. */
    record Allowance(long maxBytes, boolean quotaBound) {
        boolean exhausted() {
            return quotaBound && maxBytes <= 0;
        }
    }

    Allowance allowance(MediaRow row, long kindLimit) {
        Long max = limits.effective(row.organizationId()).maxMediaBytes();
        if (max == null) {
            return new Allowance(kindLimit, false);
        }
        long left = Math.max(0, max - repository.storedBytes(row.organizationId()));
        return left < kindLimit ? new Allowance(left, true) : new Allowance(kindLimit, false);
    }

    /** What became of a downloaded file: kept, refused for the quota, or its row was settled by another run. */
    enum Kept {
        STORED,
        OVER_QUOTA,
        SETTLED_ELSEWHERE
    }

    /**
     * Marks the downloaded file stored if it still fits (decided under the organization's lock, so downloads that
     * finish together cannot share the same space); otherwise the row ends skipped.
     */
    Kept storeIfItFits(MediaRow row, String storageKey, String mimeType, long size) {
        return transactions.execute(status -> {
            repository.lockQuota(row.organizationId());
            Long max = limits.effective(row.organizationId()).maxMediaBytes();
            if (max != null && repository.storedBytes(row.organizationId()) + size > max) {
                return skipInTransaction(row, max) ? Kept.OVER_QUOTA : Kept.SETTLED_ELSEWHERE;
            }
            return repository.markStored(row.id(), storageKey, mimeType, size, clock.instant())
                    ? Kept.STORED
                    : Kept.SETTLED_ELSEWHERE;
        });
    }

    /** The row ends skipped for the quota; the organization hears of it at most once an hour. */
    void skip(MediaRow row) {
        transactions.executeWithoutResult(status ->
                skipInTransaction(row, limits.effective(row.organizationId()).maxMediaBytes()));
    }

    private boolean skipInTransaction(MediaRow row, Long max) {
        boolean skipped = repository.markSkipped(row.id(), QUOTA_EXCEEDED, clock.instant());
        if (skipped && told.asMap().putIfAbsent(row.organizationId(), Boolean.TRUE) == null) {
            events.record(SystemEvent.of(SystemEvent.Level.WARN, "media.quota_exceeded")
                    .organization(row.organizationId())
                    .conversation(row.conversationId())
                    .with("mediaId", row.id().toString())
                    .with("kind", row.kind())
                    .with("maxMediaBytes", max)
                    .with("storedBytes", repository.storedBytes(row.organizationId()))
                    .build());
        }
        return skipped;
    }
}
