package io.parley.access;

/** An external database without {@code PARLEY_ADMIN_TOKEN}: every node must accept the same operator token. */
public final class AdminTokenMissingException extends IllegalStateException {
    AdminTokenMissingException() {
        super("PARLEY_ADMIN_TOKEN is required when PARLEY_DB_URL is set: every node must accept the same operator "
                + "token. Generate one with: openssl rand -base64 32");
    }
}
