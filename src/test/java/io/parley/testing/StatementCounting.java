package io.parley.testing;

import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the database statements of a test's Spring context: wraps the application's {@code DataSource} in
 * {@link CountingJdbc} and marks db-scheduler executions on their threads, so a {@link StatementCounter} (a bean of
 * this context) can tell a job's statements from the rest. {@code @Import(StatementCounting.class)} on the test class
 * (a context of its own).
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {

    @Bean
    static StatementCounter statementCounter() {
        return new StatementCounter();
    }

    @Bean
    static BeanPostProcessor countingDataSource(StatementCounter counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource ? CountingJdbc.dataSource(dataSource, counter) : bean;
            }
        };
    }

    /** A task's statements are the job's; what runs on its thread after the task returned is db-scheduler's. */
    @Bean
    ExecutionInterceptor jobStatements(StatementCounter counter) {
        return new ExecutionInterceptor() {
            @Override
            public CompletionHandler<?> execute(
                    TaskInstance<?> instance, ExecutionContext context, ExecutionChain chain) {
                counter.jobStarted(instance.getTaskName(), RecurringTask.INSTANCE.equals(instance.getId()));
                try {
                    return chain.proceed(instance, context);
                } finally {
                    counter.jobTaskReturned();
                }
            }
        };
    }

    /** db-scheduler calls this on the execution's thread once the completion or failure handler is done. */
    @Bean
    SchedulerListener jobStatementsEnd(StatementCounter counter) {
        return new AbstractSchedulerListener() {
            @Override
            public void onExecutionComplete(ExecutionComplete executionComplete) {
                counter.jobEnded();
            }
        };
    }
}
