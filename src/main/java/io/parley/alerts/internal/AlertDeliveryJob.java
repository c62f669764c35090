package io.parley.alerts.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.platform.Ids;
import io.parley.platform.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task behind every alert delivery; its instance id is the alert_deliveries row id. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertDeliveryJob {
    static final String TASK = "alert";

    @Bean
    CustomTask<Void> alertDeliveryTask(AlertAttempts attempts) {
        return Tasks.custom(TASK, Void.class)
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    UUID id = Ids.parse(instance.getId(), "alert_delivery", java.util.function.Function.identity());
                    Optional<Instant> retryAt = attempts.attempt(id);
                    return retryAt.<CompletionHandler<Void>>map(
                                    at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
