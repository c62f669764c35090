package io.parley.delivery.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.platform.Ids;
import io.parley.platform.Jobs;
import io.parley.platform.OutboundMessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task behind every outbound message; its instance id is the outbound message id. */
@Configuration(proxyBeanMethods = false)
public class DeliveryJob {
    public static final String TASK = "deliver";

    @Bean
    CustomTask<Void> deliveryTask(DeliveryAttempts attempts) {
        return Tasks.custom(TASK, Void.class)
                // Unexpected errors (the database is unreachable, a bug): back off and keep the row; a crashed
                // node's execution is revived by db-scheduler once its heartbeat lapses.
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    OutboundMessageId id = Ids.parse(instance.getId(), "outbound_message", OutboundMessageId::new);
                    Optional<Instant> retryAt = attempts.attempt(id);
                    return retryAt.<CompletionHandler<Void>>map(
                                    at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
