package io.parley.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refused range at its edges, the IPv6 forms that carry an IPv4 address, and public addresses on each side. */
class RefusedRangesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0          | "this network" (0.0.0.0/8)
            0.255.255.255    | "this network" (0.0.0.0/8)
            10.0.0.0         | private (10.0.0.0/8)
            10.255.255.255   | private (10.0.0.0/8)
            100.64.0.0       | carrier-grade NAT (100.64.0.0/10)
            100.127.255.255  | carrier-grade NAT (100.64.0.0/10)
            127.0.0.1        | loopback (127.0.0.0/8)
            127.0.0.2        | loopback (127.0.0.0/8)
            127.255.255.255  | loopback (127.0.0.0/8)
            169.254.169.254  | link-local, cloud metadata (169.254.0.0/16)
            169.254.0.0      | link-local, cloud metadata (169.254.0.0/16)
            172.16.0.0       | private (172.16.0.0/12)
            172.31.255.255   | private (172.16.0.0/12)
            192.0.0.8        | IETF protocol assignments (192.0.0.0/24)
            192.0.2.10       | documentation, TEST-NET-1 (192.0.2.0/24)
            192.168.0.1      | private (192.168.0.0/16)
            192.168.255.255  | private (192.168.0.0/16)
            198.18.0.0       | benchmarking (198.18.0.0/15)
            198.19.255.255   | benchmarking (198.18.0.0/15)
            198.51.100.7     | documentation, TEST-NET-2 (198.51.100.0/24)
            203.0.113.200    | documentation, TEST-NET-3 (203.0.113.0/24)
            224.0.0.1        | multicast (224.0.0.0/4)
            239.255.255.250  | multicast (224.0.0.0/4)
            240.0.0.1        | reserved (240.0.0.0/4)
            255.255.255.254  | reserved (240.0.0.0/4)
            255.255.255.255  | broadcast (255.255.255.255/32)
            ::               | unspecified (::/128)
            ::1              | loopback (::1/128)
            fc00::1          | unique local (fc00::/7)
            fd12:3456::1     | unique local (fc00::/7)
            fe80::1          | link-local (fe80::/10)
            febf::1          | link-local (fe80::/10)
            fec0::1          | site-local (fec0::/10)
            ff02::1          | multicast (ff00::/8)
            2001:db8::1      | documentation (2001:db8::/32)
            ::ffff:127.0.0.2 | loopback (127.0.0.0/8)
            ::ffff:a9fe:a9fe | link-local, cloud metadata (169.254.0.0/16)
            ::127.0.0.2      | IPv4-compatible address of loopback (127.0.0.0/8)
            ::10.1.2.3       | IPv4-compatible address of private (10.0.0.0/8)
            64:ff9b::7f00:2  | NAT64 address of loopback (127.0.0.0/8)
            64:ff9b::a9fe:a9fe | NAT64 address of link-local, cloud metadata (169.254.0.0/16)
            2002:7f00:2::1   | 6to4 address of loopback (127.0.0.0/8)
            2002:c0a8:101::  | 6to4 address of private (192.168.0.0/16)
            """)
    void should_refuse_the_address_naming_its_range(String address, String reason) throws UnknownHostException {
        assertThat(RefusedRanges.refusal(literal(address))).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "9.255.255.255",
                "11.0.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "126.255.255.255",
                "128.0.0.0",
                "169.253.255.255",
                "169.255.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.0.1.0",
                "192.167.255.255",
                "192.169.0.0",
                "198.17.255.255",
                "198.20.0.0",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "fbff:ffff::1",
                "fe7f::1",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void should_let_a_public_address_through(String address) throws UnknownHostException {
        assertThat(RefusedRanges.refusal(literal(address))).isEmpty();
    }

    private static InetAddress literal(String address) throws UnknownHostException {
        // brackets make the JDK parse an IPv6 literal without any lookup; IPv4 literals never look up
        return InetAddress.getByName(address.contains(":") ? "[" + address + "]" : address);
    }
}
