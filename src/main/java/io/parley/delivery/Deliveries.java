package io.parley.delivery;

import io.parley.delivery.internal.AccountRates;
import io.parley.delivery.internal.DeliveryJob;
import io.parley.delivery.internal.OutboundRepository;
import io.parley.delivery.internal.ReportedFailures;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.IdempotencyKey;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@EnableConfigurationProperties(DeliveryProperties.class)
public class Deliveries {
    private final OutboundRepository repository;
    private final AccountRates rates;
    private final ReportedFailures reportedFailures;
    private final Jobs jobs;
    private final Clock clock;

    Deliveries(
            OutboundRepository repository,
            AccountRates rates,
            ReportedFailures reportedFailures,
            Jobs jobs,
            Clock clock) {
        this.repository = repository;
        this.rates = rates;
        this.reportedFailures = reportedFailures;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Queues a message in the caller's transaction: if the caller rolls back, nothing is sent. Its delivery job
     * carries the lane's priority, so due replies are picked before due campaign messages.
     */
    @Transactional
    public OutboundMessageId enqueue(OutboundRequest request) {
        OutboundMessageId id = new OutboundMessageId(UUID.randomUUID());
        repository.insert(id, request);
        jobs.scheduleIfAbsent(
                DeliveryJob.TASK, id.toString(), clock.instant(), request.lane().priority());
        return id;
    }

    /** Which message of which conversation an outbound message carries. */
    public record Origin(MessageId messageId, ConversationId conversationId) {}

    public Optional<Origin> origin(io.parley.platform.OutboundMessageId id) {
        return repository.origin(id).map(k -> new Origin(k.messageId(), k.conversationId()));
    }

    /** A message queued earlier under an idempotency key. */
    public record Keyed(MessageId messageId, ConversationId conversationId, String requestHash) {}

    /**
     * Outbox keys of callers' {@code Idempotency-Key}s have their own namespace: they cannot meet the keys Parley
     * derives itself ({@code message:}, {@code broadcast:}, ...), and only they expire
     * ({@link #expireIdempotencyKeys}).
     */
    public static final String CALLER_KEY_PREFIX = "api:";

    /** The outbox key under which a message sent with a caller's {@code Idempotency-Key} is stored. */
    public static String outboxKey(IdempotencyKey key) {
        return CALLER_KEY_PREFIX + key.value();
    }

    /** {@link #lockAndFind(OrganizationId, String)} for a caller's {@code Idempotency-Key}. */
    @Transactional
    public Optional<Keyed> lockAndFind(OrganizationId organization, IdempotencyKey key) {
        return lockAndFind(organization, outboxKey(key));
    }

    /**
     * Looks up what the organization queued under this key, after locking the key until the caller's transaction
     * ends: a concurrent request with the same key waits and then finds this one's message instead of sending twice.
     */
    @Transactional
    public Optional<Keyed> lockAndFind(OrganizationId organization, String idempotencyKey) {
        repository.lockKey(organization, idempotencyKey);
        return repository
                .findByKey(organization, idempotencyKey)
                .map(k -> new Keyed(k.messageId(), k.conversationId(), k.requestHash()));
    }

    /**
     * Ends the idempotency window of API keys ({@code Idempotency-Key}) used before {@code cutoff}: the same key
     * afterwards is a new request. The messages stay; only their key is renamed. Returns how many keys expired.
     */
    @Transactional
    public int expireIdempotencyKeys(Instant cutoff, int batch) {
        return repository.expireKeys(CALLER_KEY_PREFIX, cutoff, batch);
    }

    /** Sets a channel account's send rate (messages per second, 1 to 1000); false if not the organization's. */
    @Transactional
    public boolean setMessagesPerSecond(OrganizationId organization, ChannelAccountId account, int messagesPerSecond) {
        if (messagesPerSecond < 1 || messagesPerSecond > 1000) {
            throw new InvalidRequestException("validation_failed", "messagesPerSecond must be 1 to 1000");
        }
        return rates.set(organization, account, messagesPerSecond);
    }

    /**
     * Applies a provider's status report in the caller's transaction; regressions and duplicates change nothing.
     * A {@code failed} report that moves the message gets a dead letter and a system event, once (ADR 18); 131047
     * ends as {@code window_closed} (ADR 21). Returns false if the message is unknown.
     */
    @Transactional
    public boolean applyStatus(StatusReport report) {
        Optional<OutboundRepository.Applied> applied = repository.applyStatus(report);
        applied.filter(a -> report.status() == DeliveryStatus.FAILED && a.previousRank() < DeliveryStatus.FAILED.rank())
                .ifPresent(a -> reportedFailures.record(a.id(), report));
        return applied.isPresent();
    }

    public Map<MessageId, DeliveryView> forMessages(Collection<MessageId> messageIds) {
        return messageIds.isEmpty() ? Map.of() : repository.forMessages(messageIds);
    }
}
