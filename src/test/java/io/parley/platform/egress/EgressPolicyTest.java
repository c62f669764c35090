package io.parley.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The configuration-time check and the connect-time resolution, on a scripted DNS. */
class EgressPolicyTest {
    private final List<String> lookedUp = new ArrayList<>();
    private final NameLookup dns = name -> {
        lookedUp.add(name);
        InetAddress[] answer = Map.of(
                        "public.example", new InetAddress[] {ip("93.184.215.14")},
                        "internal.example", new InetAddress[] {ip("10.1.2.3")},
                        "metadata.example", new InetAddress[] {ip("169.254.169.254")},
                        "mixed.example", new InetAddress[] {ip("10.1.2.3"), ip("93.184.215.14")},
                        "localhost", new InetAddress[] {ip("127.0.0.1"), ip("::1")})
                .get(name);
        if (answer == null) {
            throw new UnknownHostException(name);
        }
        return answer;
    };

    @Test
    void should_allow_a_public_host_and_return_its_addresses() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.allowing(dns);

        assertThat(policy.check("url", "https://public.example/tools")).isInstanceOf(EgressPolicy.Allowed.class);
        assertThat(policy.resolve("public.example", 443)).containsExactly(ip("93.184.215.14"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.2:8080/",
                "http://127.0.0.1/",
                "http://10.0.0.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:8080/",
                "http://[::ffff:127.0.0.2]:8080/",
                "http://[::ffff:7f00:2]/",
                "http://[fd00::1]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://0.0.0.0:8080/",
                "http://internal.example/",
                "http://metadata.example/",
                "http://localhost:11434/",
                "http://user@127.0.0.2/",
                "https://100.64.0.1/",
                "http://198.18.0.1/"
            })
    void should_refuse_a_url_naming_the_field_when_its_host_is_not_public(String url) {
        EgressRefusedException refused = catchThrowableOfType(
                EgressRefusedException.class, () -> EgressPolicy.allowing(dns).check("model.baseUrl", url));

        assertThat(refused.code()).isEqualTo("egress_refused");
        assertThat(refused.context()).containsEntry("field", "model.baseUrl").containsKey("reason");
        assertThat(refused.getMessage()).startsWith("model.baseUrl is refused").contains("PARLEY_EGRESS_ALLOW");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://2130706434:8080/",
                "http://0x7f000002/",
                "http://0177.0.0.2/",
                "http://127.1/",
                "http://017700000002/",
                "http://127.0.0.2./"
            })
    void should_refuse_noncanonical_ipv4_without_looking_it_up(String url) {
        EgressRefusedException refused = catchThrowableOfType(
                EgressRefusedException.class,
                () -> EgressPolicy.allowing(dns, "0.0.0.0/0").check("url", url));

        assertThat(refused.reason()).contains("write IPv4 as four decimal numbers");
        assertThat(lookedUp).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://public.example/",
                "file:///etc/passwd",
                "gopher://public.example/",
                "/relative/path",
                "http:///no-host",
                "not a url"
            })
    void should_refuse_what_is_not_an_http_url_with_a_host(String url) {
        assertThat(catchThrowableOfType(
                                EgressRefusedException.class,
                                () -> EgressPolicy.allowing(dns).check("url", url))
                        .context())
                .containsEntry("field", "url");
    }

    @Test
    void should_keep_only_public_addresses_when_a_name_resolves_to_both() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.allowing(dns);

        assertThat(policy.resolve("mixed.example", 80)).containsExactly(ip("93.184.215.14"));
    }

    @Test
    void should_report_an_unresolvable_host_as_such_and_not_as_a_refusal() {
        assertThat(EgressPolicy.allowing(dns).check("url", "https://nowhere.example/"))
                .isInstanceOf(EgressPolicy.Unresolved.class);
    }

    @Test
    void should_let_allowed_addresses_through_on_any_port_or_only_the_listed_one() throws UnknownHostException {
        EgressPolicy anyPort = EgressPolicy.allowing(dns, "127.0.0.1");
        EgressPolicy onePort = EgressPolicy.allowing(dns, "127.0.0.1:11434");

        assertThat(anyPort.check("url", "http://127.0.0.1:8080/")).isInstanceOf(EgressPolicy.Allowed.class);
        assertThat(anyPort.resolve("localhost", 8080)).containsExactly(ip("127.0.0.1"));
        assertThat(onePort.check("url", "http://127.0.0.1:11434/")).isInstanceOf(EgressPolicy.Allowed.class);
        assertThat(catchThrowableOfType(EgressRefusedException.class, () -> onePort.check("url", "http://127.0.0.1/")))
                .isNotNull();
        assertThat(catchThrowableOfType(EgressRefusedException.class, () -> anyPort.check("url", "http://127.0.0.2/")))
                .isNotNull();
    }

    @Test
    void should_trust_an_allowed_hostname_whatever_it_resolves_to() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.allowing(dns, "internal.example:443", "localhost");

        assertThat(policy.resolve("internal.example", 443)).containsExactly(ip("10.1.2.3"));
        assertThat(policy.resolve("localhost", 11434)).containsExactly(ip("127.0.0.1"), ip("::1"));
        assertThat(catchThrowableOfType(EgressRefusedException.class, () -> policy.resolve("internal.example", 80)))
                .isNotNull();
    }

    @Test
    void should_say_a_url_leads_into_the_operators_network_only_when_the_operator_allowed_its_host() {
        EgressPolicy policy =
                EgressPolicy.allowing(dns, "internal.example:443", "localhost", "127.0.0.1", "10.0.0.0/8");

        assertThat(policy.operatorAllowed(java.net.URI.create("https://internal.example/turns")))
                .isTrue();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://localhost:8080/")))
                .isTrue();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://127.0.0.1:9000/")))
                .isTrue();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://10.9.9.9/")))
                .isTrue();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://internal.example/")))
                .as("allowed by name on 443, resolving into the allowed range on 80")
                .isTrue();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://public.example/")))
                .isFalse();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://mixed.example/")))
                .as("one address is public")
                .isFalse();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://metadata.example/")))
                .isFalse();
        assertThat(policy.operatorAllowed(java.net.URI.create("http://nowhere.example/")))
                .isFalse();
        assertThat(EgressPolicy.allowing(dns).operatorAllowed(java.net.URI.create("http://127.0.0.1/")))
                .isFalse();
    }

    @Test
    void should_say_which_default_was_meant_when_a_default_url_is_refused() {
        EgressRefusedException refused = catchThrowableOfType(
                EgressRefusedException.class,
                () -> EgressPolicy.allowing(dns)
                        .checkDefault(
                                "model.baseUrl", "http://localhost:11434", "without a baseUrl, provider ollama uses"));

        assertThat(refused.getMessage())
                .contains("without a baseUrl, provider ollama uses http://localhost:11434")
                .contains("loopback");
        assertThat(EgressPolicy.allowing(dns, "localhost:11434")
                        .checkDefault(
                                "model.baseUrl", "http://localhost:11434", "without a baseUrl, provider ollama uses"))
                .isInstanceOf(EgressPolicy.Allowed.class);
    }

    @Test
    void should_not_name_the_private_address_a_hostname_resolves_to() {
        EgressRefusedException refused = catchThrowableOfType(
                EgressRefusedException.class,
                () -> EgressPolicy.allowing(dns).check("url", "http://internal.example/"));

        assertThat(refused.getMessage())
                .contains("internal.example")
                .contains("private (10.0.0.0/8)")
                .doesNotContain("10.1.2.3");
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
