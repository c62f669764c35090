package io.parley.delivery;

import io.parley.delivery.internal.DeliveryJob;
import io.parley.delivery.internal.OutboundRepository;
import io.parley.platform.Jobs;
import io.parley.platform.MessageId;
import io.parley.platform.OutboundMessageId;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@EnableConfigurationProperties(DeliveryProperties.class)
public class Deliveries {
    private final OutboundRepository repository;
    private final Jobs jobs;
    private final Clock clock;

    Deliveries(OutboundRepository repository, Jobs jobs, Clock clock) {
        this.repository = repository;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Queues a message in the caller's transaction: if the caller rolls back, nothing is sent. */
    @Transactional
    public OutboundMessageId enqueue(OutboundRequest request) {
        OutboundMessageId id = new OutboundMessageId(UUID.randomUUID());
        repository.insert(id, request);
        jobs.scheduleIfAbsent(DeliveryJob.TASK, id.toString(), clock.instant());
        return id;
    }

    /** Applies a provider's status report; regressions and duplicates change nothing. Returns false if unknown. */
    @Transactional
    public boolean applyStatus(StatusReport report) {
        return repository.applyStatus(report);
    }

    public Map<MessageId, DeliveryView> forMessages(Collection<MessageId> messageIds) {
        return messageIds.isEmpty() ? Map.of() : repository.forMessages(messageIds);
    }
}
