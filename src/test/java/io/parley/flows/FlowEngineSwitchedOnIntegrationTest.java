package io.parley.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import org.junit.jupiter.api.Test;

/** With the flow engine on (the default): a chatbot may run on a flow once that flow has a published version. */
class FlowEngineSwitchedOnIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_switch_to_a_flow_only_when_it_is_published() throws Exception {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        ChatbotEngineIntegrationTest.registerReminder(api, bot);
        String patch = "{\"engine\": \"flow\", \"flowKey\": \"tattoo_booking\"}";
        new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN)
                .putYaml(bot.chatbotId(), "tattoo_booking", FlowDefinitionsIntegrationTest.tattoo());

        Api.Response draftOnly = api.patch("/api/v1/chatbots/" + bot.chatbotId(), patch);
        Api.Response noKey = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\"}");
        api.post(FlowCalls.path(bot.chatbotId(), "tattoo_booking") + "/publish", "");
        Api.Response switched = api.patch("/api/v1/chatbots/" + bot.chatbotId(), patch);

        assertThat(draftOnly.status()).isEqualTo(409);
        assertThat(draftOnly.text("code")).isEqualTo("flow_not_published");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        assertThat(switched.text("engine")).isEqualTo("flow");
        Api.Response read = api.get("/api/v1/chatbots/" + bot.chatbotId());
        assertThat(read.text("engine")).isEqualTo("flow");
        assertThat(read.text("flowKey")).isEqualTo("tattoo_booking");
    }
}
