package io.parley.notifications.internal.send;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.platform.Ids;
import io.parley.platform.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task behind every staff notification; its instance id is the staff_notifications row id. */
@Configuration(proxyBeanMethods = false)
class NotificationJob {
    static final String TASK = "staff-notification";

    @Bean
    CustomTask<Void> staffNotificationTask(NotificationAttempts attempts) {
        return Tasks.custom(TASK, Void.class)
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    UUID id = Ids.parse(instance.getId(), "staff_notification", Function.identity());
                    Optional<Instant> next = attempts.attempt(id);
                    return next.<CompletionHandler<Void>>map(
                                    at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
