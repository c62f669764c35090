package io.parley.channels.email;

import io.parley.platform.InvalidRequestException;
import io.parley.platform.Secret;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The body of connecting (or changing) an email channel, read as if an attacker typed it: every field is checked
 * and a refusal names it ({@code smtp.port}, {@code imap.password}, ...). On a change, absent fields keep their
 * value (a password is never sent back, so it is kept unless given).
 *
 * <p>{@code tls}: {@code "tls"} (implicit TLS), {@code "starttls"}, {@code "none"}, or a boolean: {@code true} is
 * implicit TLS on the implicit-TLS ports (465, 993) and STARTTLS elsewhere, {@code false} is none.
 */
final class MailboxRequest {
    static final Set<String> FIELDS = Set.of("type", "address", "smtp", "imap", "verify");
    private static final Set<String> SERVER_FIELDS = Set.of("host", "port", "username", "password", "tls");
    /** One '@', a dotted domain, no spaces or angle brackets (a header could be smuggled through them). */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[?[0-9A-Fa-f:.]{2,45}]?");
    private static final int MAX_ADDRESS = 128;
    private static final int MAX_CREDENTIAL = 512;

    /** What the request asks for: the address, both servers, and whether to log in to both before storing. */
    record Parsed(String address, MailServer smtp, MailServer imap, boolean verify) {}

    private MailboxRequest() {}

    static Parsed parse(Map<String, Object> request, Mailbox current) {
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        for (String field : request.keySet()) {
            if (!FIELDS.contains(field)) {
                throw invalid(
                        field,
                        "is not a setting of an email channel (known: " + String.join(", ", new TreeSet<>(FIELDS))
                                + ")");
            }
        }
        String address =
                request.containsKey("address") || current == null ? address(request.get("address")) : current.address();
        MailServer smtp = server("smtp", request, current == null ? null : current.smtp());
        MailServer imap = server("imap", request, current == null ? null : current.imap());
        Object verify = request.get("verify");
        if (verify != null && !(verify instanceof Boolean)) {
            throw invalid("verify", "must be true or false");
        }
        return new Parsed(address, smtp, imap, verify == null || (Boolean) verify);
    }

    static String address(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid("address", "must be the mailbox's email address, e.g. support@example.com");
        }
        String address = text.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_ADDRESS || !ADDRESS.matcher(address).matches()) {
            throw invalid("address", "must be one email address of at most " + MAX_ADDRESS + " characters");
        }
        return address;
    }

    @SuppressWarnings("unchecked")
    private static MailServer server(String name, Map<String, Object> request, MailServer current) {
        Object value = request.get(name);
        if (value == null) {
            if (current != null) {
                return current;
            }
            throw invalid(name, "must be an object with host, port, username, password and tls");
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw invalid(name, "must be an object with host, port, username, password and tls");
        }
        Map<String, Object> body = (Map<String, Object>) raw;
        for (Object field : body.keySet()) {
            if (!SERVER_FIELDS.contains(String.valueOf(field))) {
                throw invalid(
                        name + "." + field,
                        "is not a server setting (known: " + String.join(", ", new TreeSet<>(SERVER_FIELDS)) + ")");
            }
        }
        String host =
                body.containsKey("host") || current == null ? host(name + ".host", body.get("host")) : current.host();
        int port =
                body.containsKey("port") || current == null ? port(name + ".port", body.get("port")) : current.port();
        String username = body.containsKey("username") || current == null
                ? credential(name + ".username", body.get("username"))
                : current.username();
        Secret password = body.containsKey("password") || current == null
                ? Secret.of(credential(name + ".password", body.get("password")))
                : current.password();
        MailServer.Tls tls =
                body.containsKey("tls") || current == null ? tls(name + ".tls", body.get("tls"), port) : current.tls();
        return new MailServer(host, port, username, password, tls);
    }

    private static String host(String field, Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(field, "must be the server's host name, e.g. smtp.example.com");
        }
        String host = text.strip().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches() || host.startsWith(".") || host.startsWith("-")) {
            throw invalid(field, "must be a host name or an IP address");
        }
        return host;
    }

    private static int port(String field, Object value) {
        if (value instanceof Integer port && port >= 1 && port <= 65_535) {
            return port;
        }
        throw invalid(field, "must be a whole number from 1 to 65535");
    }

    private static String credential(String field, Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            throw invalid(field, "must be a non-empty string");
        }
        if (text.length() > MAX_CREDENTIAL || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid(field, "must be at most " + MAX_CREDENTIAL + " characters without control characters");
        }
        return text;
    }

    private static MailServer.Tls tls(String field, Object value, int port) {
        if (value instanceof Boolean on) {
            return !on
                    ? MailServer.Tls.NONE
                    : port == 465 || port == 993 ? MailServer.Tls.TLS : MailServer.Tls.STARTTLS;
        }
        if (value instanceof String text) {
            return MailServer.Tls.fromWire(text.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> invalid(field, "must be \"tls\", \"starttls\", \"none\", true or false"));
        }
        throw invalid(field, "must be \"tls\", \"starttls\", \"none\", true or false");
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("field", field, "errors", List.of(Map.of("field", field, "message", message))));
    }
}
