package io.parley.channels.email;

import io.parley.platform.Secret;
import java.util.Objects;

/**
 * One side of a mailbox: where Parley logs in to send (SMTP) or read (IMAP).
 *
 * @param tls {@link Tls#TLS} (implicit TLS, ports 465/993), {@link Tls#STARTTLS} (required upgrade) or
 *            {@link Tls#NONE} (plain; only for servers the operator allowed, e.g. a local relay)
 */
record MailServer(String host, int port, String username, Secret password, Tls tls) {
    MailServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
    }

    /** How the connection is protected. */
    enum Tls {
        NONE,
        STARTTLS,
        TLS;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static java.util.Optional<Tls> fromWire(String value) {
            for (Tls tls : values()) {
                if (tls.wireName().equals(value)) {
                    return java.util.Optional.of(tls);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
