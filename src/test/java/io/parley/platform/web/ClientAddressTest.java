package io.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void should_count_an_ipv4_address_as_itself() {
        assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void should_count_ipv6_addresses_of_one_slash_64_together() {
        String one = ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        String other = ClientAddress.key("2001:db8:1:2::1");

        assertThat(one).isEqualTo("2001:db8:1:2::/64").isEqualTo(other);
        assertThat(ClientAddress.key("2001:db8:1:3::1")).isNotEqualTo(one);
        assertThat(ClientAddress.key("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void should_never_look_up_a_name_when_the_address_is_not_a_literal() {
        assertThat(ClientAddress.key("example.com")).isEqualTo("example.com");
        assertThat(ClientAddress.key(null)).isEqualTo("unknown");
        assertThat(ClientAddress.key("")).isEqualTo("unknown");
    }
}
