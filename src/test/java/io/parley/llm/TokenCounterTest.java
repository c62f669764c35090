package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private static final String TEXT = "Hello world! Where is my order 4411? ¿Dónde está mi pedido?";

    @Test
    void should_count_with_openais_own_encoding_for_openai_models() {
        TokenCounter gpt4o = TokenCounter.forModel("openai", "gpt-4o-mini");
        TokenCounter gpt4 = TokenCounter.forModel("openai", "gpt-4-turbo");

        assertThat(gpt4o.method()).isEqualTo("o200k_base");
        assertThat(gpt4o.exact()).isTrue();
        assertThat(gpt4o.count("Hello world")).isEqualTo(2);
        assertThat(gpt4.method()).isEqualTo("cl100k_base");
        assertThat(gpt4.count("Hello world")).isEqualTo(2);
    }

    @Test
    void should_estimate_cl100k_plus_ten_percent_for_models_without_a_java_tokenizer() {
        int cl100k = TokenCounter.forModel("openai", "gpt-4").count(TEXT);

        for (TokenCounter estimate : new TokenCounter[] {
            TokenCounter.forModel("anthropic", "claude-3-5-haiku"),
            TokenCounter.forModel("gemini", "gemini-2.0-flash"),
            TokenCounter.forModel("ollama", "llama3.1"),
            TokenCounter.forModel("openai", "llama-3.1-70b")
        }) {
            assertThat(estimate.exact()).isFalse();
            assertThat(estimate.method()).isEqualTo("estimate (cl100k_base + 10%)");
            assertThat(estimate.count(TEXT)).isEqualTo((int) Math.ceil(cl100k * 1.1));
        }
    }

    @Test
    void should_count_nothing_for_empty_text_and_special_tokens_as_plain_text() {
        TokenCounter counter = TokenCounter.forModel("openai", "gpt-4o");

        assertThat(counter.count("")).isZero();
        assertThat(counter.count(null)).isZero();
        assertThat(counter.count("<|endoftext|>")).isGreaterThan(1);
    }
}
