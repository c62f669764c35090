package io.parley.platform.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses no tenant URL may reach unless the operator allows them: everything that is not the public internet.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside,
 * because that is where the packets end up.
 */
final class RefusedRanges {
    /** @param label e.g. "loopback (127.0.0.0/8)", the range as people write it */
    private record Range(Cidr cidr, String label) {}

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", "\"this network\""),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "carrier-grade NAT"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local, cloud metadata"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation, TEST-NET-1"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation, TEST-NET-2"),
            range("203.0.113.0/24", "documentation, TEST-NET-3"),
            range("224.0.0.0/4", "multicast"),
            range("255.255.255.255/32", "broadcast"),
            range("240.0.0.0/4", "reserved"));

    private static final List<Range> IPV6 = List.of(
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("fc00::/7", "unique local"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local"),
            range("ff00::/8", "multicast"),
            range("2001:db8::/32", "documentation"));

    /** Where an IPv6 range carries an IPv4 address, and at which byte it starts. */
    private record Embedding(Cidr cidr, int offset, String name) {}

    private static final List<Embedding> EMBEDDED_IPV4 = List.of(
            new Embedding(new Cidr(mappedPrefix(), 96), 12, "IPv4-mapped"),
            new Embedding(Cidr.parse("::/96"), 12, "IPv4-compatible"),
            new Embedding(Cidr.parse("64:ff9b::/96"), 12, "NAT64"),
            new Embedding(Cidr.parse("2002::/16"), 2, "6to4"));

    private RefusedRanges() {}

    /** Why the address is refused (e.g. "loopback (127.0.0.0/8)"), or empty for a public address. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(bytes);
        }
        for (Range range : IPV6) {
            if (range.cidr().contains(bytes)) {
                return Optional.of(range.label());
            }
        }
        for (Embedding embedding : EMBEDDED_IPV4) {
            // Cidr masks the bytes itself; a raw mapped form may reach us as an Inet6Address.
            if (embedding.cidr().contains(bytes)) {
                byte[] inner = Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4);
                return ipv4(inner).map(reason -> embedding.name() + " address of " + reason);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4(byte[] bytes) {
        return IPV4.stream()
                .filter(range -> range.cidr().contains(bytes))
                .findFirst()
                .map(Range::label);
    }

    /** ::ffff:0:0 built by hand: the JDK turns the literal into an IPv4 address. */
    private static byte[] mappedPrefix() {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        return bytes;
    }

    private static Range range(String cidr, String name) {
        return new Range(Cidr.parse(cidr), name + " (" + cidr + ")");
    }
}
