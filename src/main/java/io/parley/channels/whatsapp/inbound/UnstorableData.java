package io.parley.channels.whatsapp.inbound;

import java.sql.SQLException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Tells a part PostgreSQL refuses because of its data (SQLSTATE class 22, data exception, e.g. a character it cannot
 * store or a value out of range; class 23, integrity) from a database that is unavailable or broken. Only the first
 * is worth acknowledging without storing: a redelivery of the same bytes fails the same way. Everything else
 * (connections, timeouts, deadlocks, errors raised by triggers or bugs) is not this, so Meta gets a 5xx and retries.
 */
final class UnstorableData {
    private UnstorableData() {}

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
            }
        }
        return failure instanceof DataIntegrityViolationException;
    }

    /** The SQLSTATE when there is one (never the message: PostgreSQL quotes the refused values in it). */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "sqlstate_" + sql.getSQLState();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
