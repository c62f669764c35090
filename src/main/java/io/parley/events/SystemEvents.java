package io.parley.events;

import io.parley.events.internal.SystemEventRepository;
import io.parley.platform.LogContext;
import io.parley.platform.OrganizationId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class SystemEvents {
    private static final Logger log = LoggerFactory.getLogger(SystemEvents.class);
    private final SystemEventRepository repository;

    SystemEvents(SystemEventRepository repository) {
        this.repository = repository;
    }

    /** Stores the event, in the caller's transaction when there is one (it then commits or rolls back with it). */
    @Transactional
    public void record(SystemEvent event) {
        repository.insert(event, LogContext.currentTraceId());
        switch (event.level()) {
            case INFO -> log.info("System event {} {}", event.type(), event.payload());
            case WARN -> log.warn("System event {} {}", event.type(), event.payload());
            default -> log.error("System event {} {}", event.type(), event.payload());
        }
    }

    public List<SystemEvent> recent(OrganizationId organizationId, int limit) {
        return repository.recent(organizationId, Math.max(1, Math.min(limit, 500)));
    }

    public List<SystemEvent> recentOfType(String type, int limit) {
        return repository.recentOfType(type, Math.max(1, Math.min(limit, 500)));
    }
}
