package io.parley.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code wait} step's timeout, on the settable clock: nothing before it, the {@code on_timeout} step after it. */
class FlowWaitIntegrationTest extends TimeTestSupport {
    private static final String FLOW = """
            key: waiting
            steps:
              - {id: hi, say: "Give us ten minutes."}
              - {id: pause, wait: {timeout: 10m, on_timeout: later}}
              - {id: never, say: "Not this one."}
              - {id: later, end: {status: qualified}, say: "Ten minutes later."}
            """;

    @Test
    void should_go_on_at_the_wait_steps_timeout_and_stay_silent_before_it() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptSends(bot.phoneNumberId());
        assertThat(new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN)
                        .putYaml(bot.chatbotId(), "waiting", FLOW)
                        .status())
                .isEqualTo(201);
        api.post(FlowCalls.path(bot.chatbotId(), "waiting") + "/publish", "");
        api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\", \"flowKey\": \"waiting\"}");
        String waId = "3461" + (100000 + (int) (Math.random() * 800000));

        say(bot, waId, "Hi");
        assertThat(texts(bot, waId)).containsExactly("Give us ten minutes.");
        say(bot, waId, "are you there?");
        time.advance(Duration.ofMinutes(8));
        assertThat(texts(bot, waId)).containsExactly("Give us ten minutes.");

        time.advance(Duration.ofMinutes(2));
        time.advance(Duration.ofMinutes(1));
        time.advance(Duration.ofSeconds(10));

        assertThat(texts(bot, waId)).containsExactly("Give us ten minutes.", "Ten minutes later.");
    }

    private void say(Tenants.WhatsAppBot bot, String waId, String text) {
        String body = WhatsAppPayloads.stampedAt(
                WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), waId, "Ana Ruiz", WhatsAppPayloads.newWamid(), text),
                time.now());
        assertThat(Webhooks.post(api, body, bot.appSecret()).status()).isEqualTo(200);
        time.advance(DEBOUNCE);
        time.advance(Duration.ofSeconds(7));
    }

    private static List<String> texts(Tenants.WhatsAppBot bot, String waId) {
        return GraphFake.sends(bot.phoneNumberId()).stream()
                .map(request -> Api.json().readTree(request.getBodyAsString()))
                .filter(body -> waId.equals(body.path("to").asString()))
                .map(body -> body.path("text").path("body").asString())
                .toList();
    }
}
