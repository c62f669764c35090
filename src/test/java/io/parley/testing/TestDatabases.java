package io.parley.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Real PostgreSQL for tests. With {@code PARLEY_TEST_DB_URL} (e.g. jdbc:postgresql://127.0.0.1:5432/parley_test?user=postgres)
 * tests use that server; without it, one embedded PostgreSQL per test JVM. Either way every caller gets a database
 * of its own, so Spring contexts (and their job schedulers) never see each other's rows; they are dropped when the
 * JVM exits.
 */
public final class TestDatabases {
    private static final String PREFIX = "parley_t_";
    private static final List<String> created = new ArrayList<>();
    private static String serverUrl;
    private static EmbeddedPostgres embedded;

    private TestDatabases() {}

    /** A new, empty database; returns its JDBC URL (user and password included as parameters). */
    public static synchronized String fresh() {
        String server = server();
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(server, new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database on " + redact(server), e);
        }
        if (created.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
        }
        created.add(name);
        return withDatabase(server, name);
    }

    /** Where tests run: "external" when PARLEY_TEST_DB_URL is set, else "embedded". */
    public static String mode() {
        return System.getenv("PARLEY_TEST_DB_URL") == null
                        || System.getenv("PARLEY_TEST_DB_URL").isBlank()
                ? "embedded"
                : "external";
    }

    private static String server() {
        if (serverUrl != null) {
            return serverUrl;
        }
        String configured = System.getenv("PARLEY_TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            serverUrl = configured;
        } else {
            try {
                embedded = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "500")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL for tests", e);
            }
            serverUrl = embedded.getJdbcUrl("postgres", "postgres");
        }
        return serverUrl;
    }

    static String withDatabase(String url, String database) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + database
                + query;
    }

    private static synchronized void dropAll() {
        if (Boolean.getBoolean("parley.test.keep-databases")) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(serverUrl, new Properties());
                Statement statement = connection.createStatement()) {
            for (String name : created) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException ignored) {
            // best effort: .ci/run also removes leftovers of killed runs
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=****");
    }
}
