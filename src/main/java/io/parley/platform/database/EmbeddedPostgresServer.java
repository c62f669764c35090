package io.parley.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup database: a real PostgreSQL whose files live under {@code <data dir>/postgres} and survive
 * restarts. zonky's defaults are for throw-away test databases (fsync off, asynchronous commit); a user's
 * conversations need both on, so they are switched back on here.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "parley";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        Path directory = dataDir.resolve("postgres").toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            StalePostmaster.stopIfRunning(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by the DataSource after its connections closed, never by zonky's own JVM shutdown
                    // hook: that one stops PostgreSQL while Spring still shuts down, so Ctrl-C printed pages of
                    // "terminating connection due to administrator command" from jobs finishing their work.
                    .setRegisterShutdownHook(false)
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            try {
                server.createDatabaseIfMissing();
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
            log.info("Embedded PostgreSQL is running on port {} with data in {}", postgres.getPort(), directory);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start the embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var rs = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                statement.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database '" + DATABASE + "'", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
