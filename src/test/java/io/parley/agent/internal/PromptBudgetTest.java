package io.parley.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.FallbackMessages;
import io.parley.tenancy.ModelSettings;
import io.parley.tenancy.PromptBudgetSettings;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromptBudgetTest {

    @Test
    void should_share_the_models_window_less_a_reply_reserve_when_nothing_is_overridden() {
        PromptBudget budget =
                PromptBudget.forChatbot(bot("openai", "gpt-4o-mini", null, PromptBudgetSettings.DEFAULTS));

        assertThat(budget).isEqualTo(new PromptBudget(128_000, 30_976, 12_390, 37_171, 43_366, 4_096));
    }

    @Test
    void should_reserve_a_quarter_of_a_small_window_and_the_chatbots_max_output_tokens_when_set() {
        assertThat(PromptBudget.forChatbot(bot("ollama", "llama3.1", null, PromptBudgetSettings.DEFAULTS)))
                .isEqualTo(new PromptBudget(4_096, 768, 307, 921, 1_075, 1_024));
        assertThat(PromptBudget.forChatbot(bot("openai", "gpt-4", 500, PromptBudgetSettings.DEFAULTS))
                        .replyReserve())
                .isEqualTo(500);
        assertThat(PromptBudget.forChatbot(bot("openai", "gpt-4", 100_000, PromptBudgetSettings.DEFAULTS))
                        .replyReserve())
                .as("at most half the window")
                .isEqualTo(4_096);
    }

    @Test
    void should_take_each_override_and_derive_the_rest_from_the_overridden_window() {
        PromptBudget budget = PromptBudget.forChatbot(
                bot("openai", "gpt-4o", null, new PromptBudgetSettings(10_000, null, 0, null, 1_500, 2_000)));

        assertThat(budget).isEqualTo(new PromptBudget(10_000, 2_000, 0, 2_400, 1_500, 2_000));
        assertThat(budget.promptLimit()).isEqualTo(8_000);
    }

    static Chatbot bot(String provider, String model, Integer maxOutputTokens, PromptBudgetSettings budget) {
        return new Chatbot(
                new ChatbotId(UUID.randomUUID()),
                new OrganizationId(UUID.randomUUID()),
                "Support",
                "You are a helpful assistant.",
                null,
                FallbackMessages.defaults(),
                new ModelSettings(provider, model, null, null, 0.0, null, maxOutputTokens, 5, null),
                List.of(),
                Instant.now(),
                null,
                budget,
                true,
                null);
    }
}
