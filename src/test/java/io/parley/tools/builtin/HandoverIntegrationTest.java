package io.parley.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import io.parley.tools.ToolEffect;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** handover only asks for a human: the effect travels with the outcome, for the turn to apply. */
class HandoverIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Tools tools;

    BuiltinSession session;

    @BeforeEach
    void aConversationOnABotWithHandover() {
        session = BuiltinSession.whatsApp(
                api, jdbc, tools, BuiltinSession.botWithBuiltins(api, tools), BuiltinSession.newWaId());
    }

    @Test
    void should_return_a_handover_effect_with_the_reason_when_the_model_asks_for_a_human() {
        ToolOutcome outcome = session.call("handover", "{\"reason\": \"The user wants to talk to a person\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(outcome.resultJson()).isEqualTo("{\"handover\":true}");
        assertThat(outcome.effect()).isEqualTo(new ToolEffect.Handover("The user wants to talk to a person"));
    }

    @Test
    void should_return_a_handover_effect_without_a_reason_when_none_is_given() {
        ToolOutcome outcome = session.call("handover", "{}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(outcome.effect()).isEqualTo(new ToolEffect.Handover(null));
    }
}
