package io.parley.platform.jobs;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /**
     * Jobs spend most of their time waiting on HTTP (LLMs, the Graph API): virtual threads let many run at once
     * with plain blocking code. db-scheduler still bounds how many it picks by {@code db-scheduler.threads}.
     */
    @Bean
    DbSchedulerCustomizer virtualThreadJobs() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<ExecutorService> executorService() {
                return Optional.of(Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("job-", 0).factory()));
            }
        };
    }
}
