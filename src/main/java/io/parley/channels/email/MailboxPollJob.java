package io.parley.channels.email;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task that reads one mailbox (instance id: the channel account id), then schedules itself again:
 * one execution per mailbox, so with several nodes on one database only the node that picked it reads the mailbox
 * (ADR 62). It runs every {@code parley.email.poll-interval}, at once again while emails are left, and sooner when an
 * IDLE watch ({@link MailboxIdle}) hears of new mail; it ends when the channel is removed.
 */
@Configuration(proxyBeanMethods = false)
class MailboxPollJob {
    static final String TASK = "email-poll";

    @Bean
    CustomTask<Void> emailPollTask(MailboxReader reader, MailboxIdle idle, EmailProperties properties, Clock clock) {
        return Tasks.custom(TASK, Void.class)
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    ChannelAccountId id;
                    try {
                        id = new ChannelAccountId(UUID.fromString(instance.getId()));
                    } catch (IllegalArgumentException e) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    MailboxReader.Pass pass = reader.read(id);
                    if (pass == MailboxReader.Pass.GONE) {
                        idle.stop(id);
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    if (pass != MailboxReader.Pass.FAILED) {
                        idle.watch(id);
                    }
                    Instant next = pass == MailboxReader.Pass.MORE
                            ? clock.instant()
                            : clock.instant().plus(properties.pollInterval());
                    return (complete, operations) -> operations.reschedule(complete, next);
                });
    }
}
