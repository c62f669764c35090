package io.parley.conversation.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.conversation.ConversationProperties;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.Jobs;
import io.parley.platform.WorkPermits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The turn job (instance id = conversation id, so at most one execution per conversation exists) and the reaper
 * that schedules one for any conversation left with unanswered messages and no job — e.g. a message committed in
 * the instant between a turn's last check and the removal of its execution.
 */
@Configuration(proxyBeanMethods = false)
public class TurnJob {
    public static final String TASK = "turn";
    private static final Logger log = LoggerFactory.getLogger(TurnJob.class);

    /**
     * Turns doing their own work at once ({@code parley.conversation.max-working-turns}); a turn waiting for its model
     * gives its permit on (the model call goes through {@link WorkPermits#waiting}).
     */
    @Bean
    CustomTask<Void> turnTask(
            TurnProcessor processor, ConversationProperties properties, Clock clock, MeterRegistry meters) {
        WorkPermits work = new WorkPermits(properties.maxWorkingTurns());
        Gauge.builder("parley.turn.working", work, WorkPermits::working)
                .description(
                        "Turns doing their own work (database, retrieval, prompt); not those waiting for the model")
                .register(meters);
        Gauge.builder("parley.turn.queued", work, WorkPermits::queued)
                .description("Turns waiting for a work permit: to start, or to go on after the model answered")
                .register(meters);
        FailureHandler<Void> backoff = Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1));
        return Tasks.custom(TASK, Void.class)
                .onFailure((complete, operations) -> {
                    int failures = complete.getExecution().consecutiveFailures + 1;
                    ConversationId id =
                            conversationId(complete.getExecution().taskInstance.getId());
                    if (failures < properties.maxTurnFailures()) {
                        backoff.onFailure(complete, operations);
                        return;
                    }
                    try {
                        processor.abandon(id, complete.getCause().orElse(null));
                        operations.remove();
                    } catch (RuntimeException e) {
                        log.error("Could not send the error message for conversation {} either", id, e);
                        backoff.onFailure(complete, operations);
                    }
                })
                .execute((instance, context) -> work.working(() -> processor.process(conversationId(instance.getId())))
                        .<CompletionHandler<Void>>map(
                                at -> (complete, operations) -> operations.reschedule(complete, at))
                        .orElseGet(CompletionHandler.OnCompleteRemove::new));
    }

    @Bean
    RecurringTask<Void> turnReaper(
            ConversationRepository repository, Jobs jobs, ConversationProperties properties, Clock clock) {
        return Tasks.recurring("turn-reaper", FixedDelay.of(properties.reaperInterval()))
                .execute((instance, context) -> {
                    Instant now = clock.instant();
                    Instant before =
                            now.minus(properties.debounce().multipliedBy(2)).minusSeconds(1);
                    for (ConversationId id : repository.withUnansweredBefore(before, 500)) {
                        if (jobs.scheduleIfAbsent(TASK, id.toString(), now)) {
                            log.warn("Scheduled a missing turn for conversation {}", id);
                        }
                    }
                });
    }

    private static ConversationId conversationId(String instanceId) {
        return Ids.parse(instanceId, "conversation", ConversationId::new);
    }
}
