package io.parley.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class DatabaseUnreachableFailureAnalyzerTest {
    private final DatabaseUnreachableFailureAnalyzer analyzer = new DatabaseUnreachableFailureAnalyzer();

    @Test
    void should_say_what_to_check_when_nothing_listens_where_the_url_points() throws IOException {
        int closed = closedPort();
        // The real failure: Hikari's first connection to a port nobody listens on, as DatabaseConfiguration builds it.
        Throwable failure = catchThrowable(() -> {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closed + "/parley?password=s3cret");
            config.setInitializationFailTimeout(1);
            new HikariDataSource(config).close();
        });

        FailureAnalysis analysis = analyzer.analyze(asTheAppWrapsIt(failure));

        assertThat(analysis.getDescription())
                .contains("cannot reach its database", "127.0.0.1:" + closed, "refused")
                .doesNotContain("s3cret");
        assertThat(analysis.getAction())
                .contains("PostgreSQL is running", "jdbc:postgresql://host:5432/database", "unset PARLEY_DB_URL");
    }

    @Test
    void should_point_at_the_user_and_password_when_postgres_refuses_the_login() {
        FailureAnalysis analysis =
                analyzer.analyze(asTheAppWrapsIt(new HikariPool.PoolInitializationException(new PSQLException(
                        "FATAL: password authentication failed for user \"parley\"", PSQLState.INVALID_PASSWORD))));

        assertThat(analysis.getDescription()).contains("refused Parley's login", "password authentication failed");
        assertThat(analysis.getAction()).contains("PARLEY_DB_USER", "PARLEY_DB_PASSWORD", "pg_hba.conf");
    }

    @Test
    void should_say_to_create_the_database_when_it_does_not_exist() {
        FailureAnalysis analysis = analyzer.analyze(asTheAppWrapsIt(new HikariPool.PoolInitializationException(
                // As the driver builds it from the server's error message (severity, SQLSTATE, text).
                new PSQLException(new ServerErrorMessage("SFATAL\0C3D000\0Mdatabase \"parley\" does not exist\0")))));

        assertThat(analysis.getDescription()).contains("does not exist");
        assertThat(analysis.getAction()).contains("createdb parley");
    }

    @Test
    void should_leave_other_failures_to_other_analyzers() {
        assertThat(analyzer.analyze(new BeanCreationException("dataSource", "something else")))
                .isNull();
    }

    /** The nesting seen when the app fails to start on an unreachable database (flyway → dataSource → Hikari). */
    private static Throwable asTheAppWrapsIt(Throwable hikari) {
        assertThat(hikari).isInstanceOf(HikariPool.PoolInitializationException.class);
        return new BeanCreationException(
                "flyway",
                "Failed to instantiate [org.flywaydb.core.Flyway]",
                new BeanCreationException("dataSource", "Failed to instantiate [javax.sql.DataSource]", hikari));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
