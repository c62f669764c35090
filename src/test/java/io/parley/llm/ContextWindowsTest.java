package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContextWindowsTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "openai, gpt-4o-mini, 128000",
        "openai, gpt-4o-2024-08-06, 128000",
        "openai, gpt-4.1-mini, 1047576",
        "openai, gpt-4, 8192",
        "openai, gpt-4-turbo, 128000",
        "openai, gpt-3.5-turbo, 16385",
        "openai, o3-mini, 200000",
        "gemini, gemini-2.0-flash, 1048576",
        "gemini, models/gemini-1.5-pro, 2097152",
        "anthropic, claude-3-5-sonnet-latest, 200000",
        "openai, meta-llama/Llama-3.1-8B-Instruct, 131072",
        "openai, llama3-8b-8192, 8192",
        "openai, mistral-small, 32768",
        "ollama, llama3.1, 4096",
        "offline, , 1000000",
        "openai, some-new-model, 8192",
        "anthropic, , 8192"
    })
    void should_know_the_context_window_of_a_model_by_its_name(String provider, String model, int window) {
        assertThat(ContextWindows.of(provider, model)).isEqualTo(window);
    }
}
