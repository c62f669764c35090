package io.parley.retention;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.parley.conversation.Conversations;
import io.parley.events.SystemEvents;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes rows past their retention. A db-scheduler recurring task, so one node sweeps at a time across a cluster.
 * There is no idempotency-record table yet (API requests carry no idempotency keys); it joins the sweep with it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionSweep {
    public static final String TASK = "retention-sweep";
    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    public record Result(int inboundEvents, int systemEvents) {
    }

    private final Conversations conversations;
    private final SystemEvents events;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionSweep(Conversations conversations, SystemEvents events, RetentionProperties properties, Clock clock) {
        this.conversations = conversations;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sweep now; the recurring task calls this too. */
    public Result sweep() {
        Instant now = clock.instant();
        Result result = new Result(conversations.forgetInboundEventsBefore(now.minus(properties.inboundEvents())),
                events.deleteOccurredBefore(now.minus(properties.systemEvents())));
        if (result.inboundEvents() + result.systemEvents() > 0) {
            log.info("Retention sweep deleted {} inbound events and {} system events", result.inboundEvents(),
                    result.systemEvents());
        }
        return result;
    }

    @Bean
    RecurringTask<Void> retentionSweepTask() {
        return Tasks.recurring(TASK, FixedDelay.of(properties.interval())).execute((instance, context) -> sweep());
    }
}
