package io.parley.channels.client;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Forgets client request ids after {@code parley.client.request-retention} (24 h): the same id later is a new
 * request. A db-scheduler recurring task, so one node sweeps at a time.
 */
@Configuration(proxyBeanMethods = false)
class ClientRequestRetention {
    static final String TASK = "client-request-retention";
    private static final int BATCH = 5_000;

    private final ClientRequestStore requests;
    private final ClientProperties properties;
    private final Clock clock;

    ClientRequestRetention(ClientRequestStore requests, ClientProperties properties, Clock clock) {
        this.requests = requests;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many request ids were forgotten. */
    int sweep() {
        int total = 0;
        int done;
        do {
            done = requests.deleteBefore(clock.instant().minus(properties.requestRetention()), BATCH);
            total += done;
        } while (done == BATCH);
        return total;
    }

    @Bean
    RecurringTask<Void> clientRequestRetentionTask() {
        return Tasks.recurring(TASK, FixedDelay.of(properties.sweepInterval())).execute((instance, context) -> sweep());
    }
}
