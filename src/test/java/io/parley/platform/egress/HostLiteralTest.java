package io.parley.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a URL's host is read before any lookup: canonical addresses, names, and IPv4 in other notations. */
class HostLiteralTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2130706433",
                "2130706434",
                "0x7f000001",
                "0X7F000001",
                "0177.0.0.1",
                "0177.0.0.01",
                "127.1",
                "127.0.1",
                "0x7f.0.0.1",
                "0x7f.1",
                "127.0.0.1.",
                "127.000.000.001",
                "017700000001",
                "256.0.0.1",
                "1.2.3.4.5",
                "example.123",
                "localhost.0x1"
            })
    void should_take_a_host_for_noncanonical_ipv4_when_it_ends_in_a_number(String host) {
        assertThat(HostLiteral.parse(host)).isInstanceOf(HostLiteral.NonCanonicalIpv4.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "10.0.0.255, 10.0.0.255",
        "0.0.0.0, 0.0.0.0",
        "[::1], 0:0:0:0:0:0:0:1",
        "::1, 0:0:0:0:0:0:0:1",
        "[::ffff:127.0.0.2], 127.0.0.2",
        "[FE80::1], fe80:0:0:0:0:0:0:1"
    })
    void should_convert_a_canonical_address_without_a_lookup(String host, String address) {
        assertThat(HostLiteral.parse(host))
                .isInstanceOfSatisfying(
                        HostLiteral.Address.class,
                        literal ->
                                assertThat(literal.address().getHostAddress()).isEqualTo(address));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "example.com, example.com",
        "Example.COM., example.com",
        "localhost, localhost",
        "1.2.3.4.example.com, 1.2.3.4.example.com",
        "0x7f.example, 0x7f.example"
    })
    void should_keep_a_dns_name_lower_cased(String host, String name) {
        assertThat(HostLiteral.parse(host)).isEqualTo(new HostLiteral.Name(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[not-ipv6]", "[::1::2]", "[]", "."})
    void should_call_a_host_invalid_when_it_is_neither(String host) {
        assertThat(HostLiteral.parse(host)).isInstanceOf(HostLiteral.Invalid.class);
    }
}
