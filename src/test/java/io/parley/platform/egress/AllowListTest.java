package io.parley.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PARLEY_EGRESS_ALLOW entries: what parses, what each allows, and the message of a malformed one. */
class AllowListTest {

    @ParameterizedTest(name = "{0} allows {1}:{2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1          | 127.0.0.1   | 8080  | true
            127.0.0.1          | 127.0.0.1   | 1     | true
            127.0.0.1          | 127.0.0.2   | 8080  | false
            127.0.0.1:11434    | 127.0.0.1   | 11434 | true
            127.0.0.1:11434    | 127.0.0.1   | 11435 | false
            127.0.0.1:11434    | 127.0.0.1   | -1    | false
            10.0.0.0/8         | 10.200.3.4  | 443   | true
            10.0.0.0/8         | 11.0.0.1    | 443   | false
            10.1.2.3/8         | 10.9.9.9    | 443   | true
            192.168.1.0/24:443 | 192.168.1.7 | 443   | true
            192.168.1.0/24:443 | 192.168.1.7 | 80    | false
            192.168.1.0/24:443 | 192.168.2.7 | 443   | false
            0.0.0.0/0          | 169.254.169.254 | 80 | true
            ::1                | ::1         | 8080  | true
            ::1                | ::2         | 8080  | false
            [::1]              | ::1         | 8080  | true
            [::1]:8080         | ::1         | 8080  | true
            [::1]:8080         | ::1         | 8081  | false
            fd00::/8           | fd12::1     | 443   | true
            fd00::/8           | fe80::1     | 443   | false
            [fd00::/8]:443     | fd12::1     | 443   | true
            [fd00::/8]:443     | fd12::1     | 80    | false
            [::ffff:127.0.0.1] | 127.0.0.1   | 80    | true
            127.0.0.1          | ::1         | 80    | false
            ::1                | 127.0.0.1   | 80    | false
            """)
    void should_allow_addresses_inside_the_entry_on_its_port(String entry, String address, int port, boolean allowed)
            throws UnknownHostException {
        AllowList list = AllowList.parse(List.of(entry));

        assertThat(list.allowsAddress(
                        InetAddress.getByName(address.contains(":") ? "[" + address + "]" : address), port))
                .isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} allows the name {1}:{2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost          | localhost       | 8080  | true
            localhost          | LOCALHOST.      | 8080  | true
            localhost:11434    | localhost       | 11434 | true
            localhost:11434    | localhost       | 80    | false
            ollama.internal    | ollama.internal | 443   | true
            ollama.internal    | internal        | 443   | false
            ollama.internal    | x.ollama.internal | 443 | false
            127.0.0.1          | localhost       | 80    | false
            """)
    void should_trust_a_hostname_entry_by_its_exact_name(String entry, String name, int port, boolean allowed) {
        assertThat(AllowList.parse(List.of(entry)).allowsName(name, port)).isEqualTo(allowed);
    }

    @Test
    void should_read_several_entries_and_skip_blank_ones() {
        AllowList list = AllowList.parse(List.of("127.0.0.1", " ", " localhost:11434 ", "10.0.0.0/8", ""));

        assertThat(list.entries()).hasSize(3);
        assertThat(list.allowsName("localhost", 11434)).isTrue();
        assertThat(AllowList.parse(null).entries()).isEmpty();
        assertThat(AllowList.none().entries()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2130706433",
                "0x7f000001",
                "0177.0.0.1",
                "127.1",
                "127.0.0.1:0",
                "127.0.0.1:65536",
                "127.0.0.1:http",
                "10.0.0.0/33",
                "10.0.0.0/x",
                "::1/129",
                "[::1",
                "[nope]:80",
                "[::1]:99999",
                "local host",
                "exa_mple.com/8",
                "host:1:2",
                "http://example.com",
                "*.example.com",
                "-bad.example"
            })
    void should_fail_naming_the_entry_when_it_is_malformed(String entry) {
        assertThatThrownBy(() -> AllowList.parse(List.of("127.0.0.1", entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PARLEY_EGRESS_ALLOW")
                .hasMessageContaining("'" + entry + "'");
    }

    @Test
    void should_say_how_to_write_ipv4_when_an_entry_uses_another_notation() {
        assertThatThrownBy(() -> AllowList.parse(List.of("2130706433")))
                .hasMessageContaining("write IPv4 as four decimal numbers");
    }
}
