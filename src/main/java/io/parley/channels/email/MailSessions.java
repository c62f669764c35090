package io.parley.channels.email;

import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.EgressRefusedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Jakarta Mail settings for a tenant's servers: the timeouts (5 s to connect, 10 s per read and write; Angus waits
 * forever by default), TLS as configured with the server's identity checked, and the egress policy asked before every
 * connection (a host the tenant typed is checked like a URL: private and loopback addresses only when the operator
 * allowed them, and plain text only to such hosts).
 */
@Component
class MailSessions {
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;
    static final int WRITE_TIMEOUT_MS = 10_000;

    private final EgressPolicy egress;

    MailSessions(EgressPolicy egress) {
        this.egress = egress;
    }

    /**
     * Refuses a server the egress policy does not let Parley reach, naming {@code field} (e.g. {@code smtp}); a
     * server without TLS must be one the operator allowed (a relay on their own network).
     *
     * @throws EgressRefusedException when the policy refuses it
     * @throws UnknownHostException   when the host does not resolve
     */
    void check(String field, MailServer server) throws UnknownHostException {
        try {
            egress.resolve(server.host(), server.port());
        } catch (EgressRefusedException e) {
            throw e.forField(field + ".host");
        }
        if (server.tls() == MailServer.Tls.NONE
                && !egress.operatorAllowed(URI.create("mail://" + hostForUri(server.host()) + ":" + server.port()))) {
            throw new EgressRefusedException(
                    field + ".tls",
                    "a password may travel in plain text only to a server the operator allowed; use tls or starttls");
        }
    }

    Properties smtp(MailServer server) {
        Properties props = new Properties();
        String p = server.tls() == MailServer.Tls.TLS ? "mail.smtps." : "mail.smtp.";
        props.put("mail.transport.protocol", server.tls() == MailServer.Tls.TLS ? "smtps" : "smtp");
        props.put(p + "host", server.host());
        props.put(p + "port", String.valueOf(server.port()));
        props.put(p + "auth", "true");
        props.put(p + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        props.put(p + "timeout", String.valueOf(READ_TIMEOUT_MS));
        props.put(p + "writetimeout", String.valueOf(WRITE_TIMEOUT_MS));
        tls(props, p, server.tls());
        return props;
    }

    Properties imap(MailServer server, int readTimeoutMs) {
        Properties props = new Properties();
        String protocol = imapProtocol(server);
        String p = "mail." + protocol + ".";
        props.put("mail.store.protocol", protocol);
        props.put(p + "host", server.host());
        props.put(p + "port", String.valueOf(server.port()));
        props.put(p + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        props.put(p + "timeout", String.valueOf(readTimeoutMs));
        props.put(p + "writetimeout", String.valueOf(WRITE_TIMEOUT_MS));
        // Parts are fetched whole: the original is archived and attachments come from it.
        props.put(p + "partialfetch", "false");
        tls(props, p, server.tls());
        return props;
    }

    static String imapProtocol(MailServer server) {
        return server.tls() == MailServer.Tls.TLS ? "imaps" : "imap";
    }

    /** Logs in to the IMAP server (checked with the egress policy first); the caller closes the store. */
    Store openImap(String field, MailServer server, int readTimeoutMs) throws Exception {
        check(field, server);
        Session session = Session.getInstance(imap(server, readTimeoutMs));
        Store store = session.getStore(imapProtocol(server));
        store.connect(
                server.host(),
                server.port(),
                server.username(),
                server.password().reveal());
        return store;
    }

    private static void tls(Properties props, String prefix, MailServer.Tls tls) {
        switch (tls) {
            case TLS -> {
                props.put(prefix + "ssl.enable", "true");
                props.put(prefix + "ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                props.put(prefix + "starttls.enable", "true");
                props.put(prefix + "starttls.required", "true");
                props.put(prefix + "ssl.checkserveridentity", "true");
            }
            case NONE -> props.put(prefix + "starttls.enable", "false");
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
