package io.parley.platform.egress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's exceptions to the egress policy ({@code PARLEY_EGRESS_ALLOW}): hostnames, IP addresses and CIDR
 * ranges, each optionally limited to one port. A hostname is trusted by name whatever it resolves to; an address
 * or range allows resolved addresses inside it.
 */
final class AllowList {
    /** A port number that no entry with a port matches: the caller does not know the port. */
    static final int UNKNOWN_PORT = -1;

    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)](?::([0-9]+))?");
    private static final Pattern WITH_PORT = Pattern.compile("([^:]+):([0-9]+)");
    private static final Pattern HOSTNAME =
            Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");

    /** One entry: a hostname or an address range, with a port or {@code null} for any port. */
    record Entry(String hostname, Cidr range, Integer port) {
        boolean allowsPort(int actual) {
            return port == null || port == actual;
        }
    }

    private final List<Entry> entries;

    private AllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static AllowList none() {
        return new AllowList(List.of());
    }

    /** Parses every entry; a malformed one fails with a message naming it. Blank entries are skipped. */
    static AllowList parse(List<String> texts) {
        List<Entry> entries = new ArrayList<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            if (text != null && !text.isBlank()) {
                entries.add(entry(text.strip()));
            }
        }
        return new AllowList(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** Whether the host, by its name, is trusted on this port. */
    boolean allowsName(String name, int port) {
        String normalized = withoutTrailingDot(name.toLowerCase(Locale.ROOT));
        return entries.stream()
                .anyMatch(e -> e.hostname() != null && e.hostname().equals(normalized) && e.allowsPort(port));
    }

    boolean allowsAddress(InetAddress address, int port) {
        return entries.stream().anyMatch(e -> e.range() != null && e.range().contains(address) && e.allowsPort(port));
    }

    private static Entry entry(String text) {
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            return new Entry(null, ipv6Range(bracketed.group(1), text), port(bracketed.group(2), text));
        }
        if (text.indexOf(':') != text.lastIndexOf(':')) {
            return new Entry(null, ipv6Range(text, text), null);
        }
        Matcher withPort = WITH_PORT.matcher(text);
        String host = withPort.matches() ? withPort.group(1) : text;
        Integer port = withPort.matches() ? port(withPort.group(2), text) : null;
        if (host.indexOf(':') >= 0) {
            throw malformed(text, "a port must be a number from 1 to 65535");
        }
        int slash = host.indexOf('/');
        String address = slash < 0 ? host : host.substring(0, slash);
        HostLiteral literal = HostLiteral.parse(address);
        return switch (literal) {
            case HostLiteral.Address a ->
                new Entry(
                        null,
                        new Cidr(
                                a.address().getAddress(),
                                prefix(slash < 0 ? null : host.substring(slash + 1), 32, text)),
                        port);
            case HostLiteral.NonCanonicalIpv4 n -> throw malformed(text, "write IPv4 as four decimal numbers");
            case HostLiteral.Name n
            when slash < 0 && HOSTNAME.matcher(n.name()).matches() -> new Entry(n.name(), null, port);
            default -> throw malformed(text, "expected a hostname, an IP address or a CIDR range");
        };
    }

    private static Cidr ipv6Range(String text, String entry) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!(HostLiteral.parse("[" + address + "]") instanceof HostLiteral.Address literal)) {
            throw malformed(entry, "not an IPv6 address (write [address]:port to add a port)");
        }
        byte[] bytes = literal.address().getAddress();
        return new Cidr(bytes, prefix(slash < 0 ? null : text.substring(slash + 1), bytes.length * 8, entry));
    }

    private static int prefix(String text, int bits, String entry) {
        if (text == null) {
            return bits;
        }
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) > bits) {
            throw malformed(entry, "the prefix length must be 0 to " + bits);
        }
        return Integer.parseInt(text);
    }

    private static Integer port(String text, String entry) {
        if (text == null) {
            return null;
        }
        if (text.length() > 5 || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw malformed(entry, "a port must be a number from 1 to 65535");
        }
        return Integer.parseInt(text);
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static IllegalArgumentException malformed(String entry, String why) {
        return new IllegalArgumentException("PARLEY_EGRESS_ALLOW (parley.egress.allow) entry '" + entry
                + "' is malformed: " + why + ". Entries are hostnames, IP addresses or CIDR ranges, each with an "
                + "optional :port (IPv6 as [address]:port), separated by commas.");
    }
}
