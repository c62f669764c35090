package io.parley.outreach.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.platform.Jobs;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task that queues one campaign batch; its instance id is {@code <campaign>:<batch>}, and each
 * batch schedules the next in its own transaction.
 */
@Configuration(proxyBeanMethods = false)
public class CampaignJob {
    public static final String TASK = "campaign-batch";

    @Bean
    CustomTask<Void> campaignBatchTask(CampaignBatch batch) {
        return Tasks.custom(TASK, Void.class)
                // Unexpected errors (database unavailable): back off and run the batch again; it starts from the
                // cursor its last commit left.
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    batch.run(CampaignBatch.campaignOf(instance.getId()));
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }
}
