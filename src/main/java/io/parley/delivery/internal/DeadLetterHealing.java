package io.parley.delivery.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.parley.delivery.DeliveryProperties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auto-heal: a recurring job (one node at a time) re-queues dead letters whose cause was transient (throttling,
 * 5xx, timeouts) once they are older than the cool-down, at most {@code maxAutoReplays} times per message. And the
 * {@code deadLetters} health component, {@code WARN} past the threshold of open dead letters (the application stays
 * UP: a provider outage must not take Parley out of its load balancer).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterHealing {
    static final String TASK = "dead-letter-heal";
    static final Status WARN = new Status("WARN", "Open dead letters above the threshold");
    private static final Logger log = LoggerFactory.getLogger(DeadLetterHealing.class);

    @Bean
    RecurringTask<Void> deadLetterHealTask(
            DeadLetterRepository deadLetters,
            Requeue requeue,
            TransactionTemplate transactions,
            DeliveryProperties properties) {
        DeliveryProperties.DeadLetters config = properties.deadLetters();
        return Tasks.recurring(TASK, FixedDelay.of(config.healInterval())).execute((instance, context) -> {
            int healed = 0;
            for (UUID id : deadLetters.healable(config.healCoolDown(), config.maxAutoReplays(), 500)) {
                Requeue.Outcome outcome =
                        transactions.execute(status -> requeue.replay(id, DeadLetterRepository.AUTO_HEAL));
                healed += outcome == Requeue.Outcome.REPLAYED ? 1 : 0;
            }
            if (healed > 0) {
                log.info("Auto-heal re-queued {} dead letters", healed);
            }
        });
    }

    @Bean
    HealthIndicator deadLettersHealthIndicator(DeadLetterRepository deadLetters, DeliveryProperties properties) {
        long threshold = properties.deadLetters().healthThreshold();
        return () -> {
            long open = deadLetters.openCount();
            return (open > threshold ? Health.status(WARN) : Health.up())
                    .withDetail("open", open)
                    .withDetail("threshold", threshold)
                    .build();
        };
    }
}
