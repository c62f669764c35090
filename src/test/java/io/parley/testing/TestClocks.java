package io.parley.testing;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every integration test context runs on a {@link SettableClock} (db-scheduler included, through
 * {@code PlatformConfiguration.schedulerClock}) and offers {@link TestTime}. {@code parley.test.clock=frozen}
 * ({@link TimeTestSupport}) stops the clock until a test moves it; otherwise it runs and tests may move it ahead.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClocks {
    public static final String MODE = "parley.test.clock";

    @Bean
    @Primary
    SettableClock settableClock(Environment environment) {
        // PostgreSQL keeps microseconds: a frozen instant read back from a row equals the clock's.
        return "frozen".equals(environment.getProperty(MODE))
                ? SettableClock.frozenAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                : SettableClock.running();
    }

    @Bean
    TestTime testTime(SettableClock clock, ObjectProvider<Scheduler> scheduler, JdbcClient jdbc) {
        return new TestTime(clock, scheduler, jdbc);
    }
}
