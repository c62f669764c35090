package io.parley.flows.internal.runtime;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.Jobs;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The flow-events job (instance id = conversation id: one at a time per conversation) and the sweep that schedules
 * it for conversations whose reminder or cooldown came due or that have queued events.
 */
@Configuration(proxyBeanMethods = false)
class FlowEventsJob {
    static final String TASK = "flow-events";

    @Bean
    CustomTask<Void> flowEventsTask(FlowEventRunner runner) {
        return Tasks.custom(TASK, Void.class)
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5)))
                .execute((instance, context) -> runner.run(
                                Ids.parse(instance.getId(), "conversation", ConversationId::new))
                        .<CompletionHandler<Void>>map(
                                at -> (complete, operations) -> operations.reschedule(complete, at))
                        .orElseGet(CompletionHandler.OnCompleteRemove::new));
    }

    @Bean
    RecurringTask<Void> flowTimers(
            FlowStateRepository states,
            Jobs jobs,
            Clock clock,
            @Value("${parley.flows.timer-interval:1m}") Duration interval) {
        return Tasks.recurring("flow-timers", FixedDelay.of(interval)).execute((instance, context) -> {
            for (ConversationId id : states.due(clock.instant(), 500)) {
                jobs.scheduleIfAbsent(TASK, id.toString(), clock.instant());
            }
        });
    }
}
