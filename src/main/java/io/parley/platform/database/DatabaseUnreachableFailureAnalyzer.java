package io.parley.platform.database;

import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The external database could not be opened at start (the pool's first connection failed): unreachable, login
 * refused, or no such database, each with its fix. Never prints the JDBC URL: it may hold a password.
 */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<HikariPool.PoolInitializationException> {
    private static final String EMBEDDED = " To try Parley without a database server, unset PARLEY_DB_URL: it then "
            + "starts its own embedded PostgreSQL in PARLEY_DATA_DIR.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HikariPool.PoolInitializationException cause) {
        SQLException sql = findCause(cause, SQLException.class);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String reason = reason(sql == null ? cause : sql);
        if (state.startsWith("28")) {
            return new FailureAnalysis(
                    "PostgreSQL refused Parley's login: " + reason,
                    "Check PARLEY_DB_USER and PARLEY_DB_PASSWORD (or the user and password in PARLEY_DB_URL), and "
                            + "that PostgreSQL's pg_hba.conf lets this host log in as that user.",
                    cause);
        }
        if (state.equals("3D000")) {
            return new FailureAnalysis(
                    "The database named in PARLEY_DB_URL does not exist: " + reason,
                    "Create it (e.g. createdb parley, or CREATE DATABASE parley;) or correct the name in "
                            + "PARLEY_DB_URL. Parley creates its tables itself on start.",
                    cause);
        }
        return new FailureAnalysis(
                "Parley cannot reach its database (PARLEY_DB_URL): " + reason,
                "Check that PostgreSQL is running and accepts TCP connections on that host and port (firewall, "
                        + "listen_addresses), and that PARLEY_DB_URL has the form "
                        + "jdbc:postgresql://host:5432/database." + EMBEDDED,
                cause);
    }

    /** The driver's message, and what lies under it (an unknown host name, a timeout) when that says more. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = String.valueOf(failure.getMessage());
        if (root != failure && !(root instanceof java.net.ConnectException)) {
            reason += " (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return reason;
    }
}
