package io.parley.media.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.parley.media.MediaObjectId;
import io.parley.platform.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task that downloads one media object; its instance id is the media object id. */
@Configuration(proxyBeanMethods = false)
public class MediaDownloadJob {
    public static final String TASK = "media-download";

    @Bean
    CustomTask<Void> mediaDownloadTask(MediaDownloader downloader) {
        return Tasks.custom(TASK, Void.class)
                // Unexpected errors (database or disk unavailable): back off and keep the job; a crashed node's
                // execution is revived by db-scheduler once its heartbeat lapses, and the attempt runs again.
                .onFailure(Jobs.retryWithCappedBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    UUID id;
                    try {
                        id = UUID.fromString(instance.getId());
                    } catch (IllegalArgumentException e) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    Optional<Instant> again = downloader.attempt(new MediaObjectId(id));
                    return again.<CompletionHandler<Void>>map(
                                    at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
