package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LlmPropertiesTest {
    private static final LlmProperties PROPERTIES = new LlmProperties(
            1000,
            List.of(" ollama=8", "api.openai.com=2000", "Localhost:11434=4 ", "127.0.0.1:8000=16"),
            Duration.ofSeconds(30));

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
        "openai, api.openai.com:443, 2000", // host
        "openai, api.example.com:443, 1000", // default
        "ollama, localhost:11434, 4", // host:port before provider
        "ollama, gpu-box:11434, 8", // provider
        "openai, 127.0.0.1:8000, 16", // host:port
        "openai, 127.0.0.1:8001, 1000" // another port of that host is another server
    })
    void should_take_the_most_specific_bound_when_overrides_name_a_server_its_host_or_its_provider(
            String provider, String server, int bound) {
        assertThat(PROPERTIES.maxInFlight(provider, server)).isEqualTo(bound);
    }

    @Test
    void should_name_the_largest_bound_when_an_override_is_above_the_default() {
        assertThat(PROPERTIES.largestBound()).isEqualTo(2000);
        assertThat(new LlmProperties(300, List.of("ollama=4"), Duration.ofSeconds(30)).largestBound())
                .isEqualTo(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com", "=5", "api.openai.com=", "api.openai.com=0", "ollama=-1", "ollama=lots"})
    void should_refuse_to_start_when_an_override_is_not_key_equals_a_positive_number(String entry) {
        assertThatThrownBy(() -> new LlmProperties(1000, List.of(entry), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parley.llm.max-in-flight-overrides");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void should_refuse_to_start_when_the_bound_is_not_positive(int bound) {
        assertThatThrownBy(() -> new LlmProperties(bound, List.of(), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parley.llm.max-in-flight must be at least 1");
    }
}
