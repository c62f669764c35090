package io.parley.alerts;

import io.parley.alerts.internal.AlertDeliveryService;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * An organization's alert deliveries for other modules, such as the console: the dead ones (retries exhausted) and
 * their replay, once (a delivery that is not dead is a conflict).
 */
@Service
public class AlertDeliveries {
    public static final int MAX_LIST = 200;

    private final AlertDeliveryService service;

    AlertDeliveries(AlertDeliveryService service) {
        this.service = service;
    }

    /** One delivery of one event to one sink; {@code status} is {@code pending}, {@code delivered} or {@code dead}. */
    public record Delivery(
            UUID id,
            UUID sinkId,
            long eventId,
            String eventType,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant finishedAt) {}

    /** Newest first, at most {@link #MAX_LIST}; {@code status} null for all. */
    public List<Delivery> list(OrganizationId organization, String status, int limit) {
        return service.list(organization, status, limit);
    }

    /**
     * Back to pending with a fresh retry budget, its job scheduled again.
     *
     * @throws io.parley.platform.NotFoundException when the organization has no such delivery
     * @throws io.parley.platform.ConflictException when it is not dead (replayed already, or never dead)
     */
    public Delivery replay(OrganizationId organization, UUID deliveryId) {
        return service.replay(organization, deliveryId);
    }
}
