package io.parley.knowledge.internal.index;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.platform.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task that ingests one knowledge source; its instance id is the source id. */
@Configuration(proxyBeanMethods = false)
public class IngestionJob {
    public static final String TASK = "knowledge-ingest";

    @Bean
    CustomTask<Void> knowledgeIngestTask(Ingestion ingestion) {
        return Tasks.custom(TASK, Void.class)
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    UUID sourceId;
                    try {
                        sourceId = UUID.fromString(instance.getId());
                    } catch (IllegalArgumentException e) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    Optional<Instant> again = ingestion.run(sourceId);
                    return again.<CompletionHandler<Void>>map(
                                    at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
