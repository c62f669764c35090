package io.parley.knowledge.internal.crawl;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.platform.Jobs;
import java.time.Duration;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task that runs one crawl; its instance id is the crawl id. */
@Configuration(proxyBeanMethods = false)
public class CrawlJob {
    public static final String TASK = "knowledge-crawl";

    @Bean
    CustomTask<Void> knowledgeCrawlTask(Crawler crawler) {
        return Tasks.custom(TASK, Void.class)
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    try {
                        crawler.run(UUID.fromString(instance.getId()));
                    } catch (IllegalArgumentException e) {
                        // a malformed instance id names no crawl
                    }
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }
}
