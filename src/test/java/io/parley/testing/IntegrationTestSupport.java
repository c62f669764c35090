package io.parley.testing;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every integration test needs: the running Parley's API and its database, for the test's own rows. */
@ParleyIntegrationTest
public abstract class IntegrationTestSupport {
    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;
    /**
     * On the shared context's running clock: past the debounce, every delivery retry, the confirmation wait and a
     * heal interval. {@code time.advance(PAST_EVERY_RETRY)} then an assertion shows that nothing more happens.
     */
    protected static final Duration PAST_EVERY_RETRY = Duration.ofSeconds(10);
    /** Parley's clock and db-scheduler's due executions, moved and run by the test. */
    @Autowired
    protected TestTime time;

    protected Api api;

    @BeforeEach
    void connectApi() {
        api = Api.at(port);
    }
}
