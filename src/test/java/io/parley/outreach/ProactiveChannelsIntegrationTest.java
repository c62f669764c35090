package io.parley.outreach;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Broadcasts and campaigns go through channels whose capabilities allow writing first (issue 12 item 9). */
class ProactiveChannelsIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";

    private String webchatContact(String chatbotId) {
        Api.Response started = api.post(
                "/api/v1/chatbots/" + chatbotId + "/webchat/messages",
                "{\"sessionId\": \"visitor-" + UUID.randomUUID() + "\", \"text\": \"Hi\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return api.get("/api/v1/conversations/" + started.text("conversationId"))
                .json()
                .path("contact")
                .path("id")
                .asString();
    }

    private String webchatChannel(String chatbotId) {
        JsonNode channels =
                api.get("/api/v1/chatbots/" + chatbotId + "/channels").json();
        return StreamSupport.stream(channels.spliterator(), false)
                .filter(c -> c.path("type").asString().equals("webchat"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
    }

    @Test
    void should_refuse_a_broadcast_or_campaign_through_a_channel_that_cannot_write_first() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        webchatContact(bot.chatbotId());
        String webchat = webchatChannel(bot.chatbotId());

        Api.Response broadcast =
                api.post("/api/v1/chatbots/" + bot.chatbotId() + "/broadcasts", """
                {"contacts": ["+4915112345678"], "message": {"text": "Hello"}, "channelId": "%s"}""".formatted(webchat));
        Api.Response campaign = api.post("/api/v1/chatbots/" + bot.chatbotId() + "/campaigns", """
                {"name": "Spring", "tag": "vip", "message": {"text": "Hello"}, "channelId": "%s"}""".formatted(webchat));

        assertProblem(broadcast, 400, "channel_not_proactive");
        assertProblem(campaign, 400, "channel_not_proactive");
    }

    @Test
    void should_reject_a_contact_no_proactive_channel_can_address_and_queue_the_others() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String webOnly = webchatContact(bot.chatbotId());

        JsonNode result = api.post("/api/v1/chatbots/" + bot.chatbotId() + "/broadcasts", """
                {"contacts": ["%s", "+4915112345679"], "message": {"text": "Hello"}}""".formatted(webOnly))
                .json();

        assertThat(result.path("queued").asInt()).isEqualTo(1);
        JsonNode rejected = result.path("results").get(0);
        assertThat(rejected.path("status").asString()).isEqualTo("rejected");
        assertThat(rejected.path("reason").asString()).isEqualTo("not_reachable");
    }

    @Test
    void should_answer_no_proactive_channel_when_the_chatbot_has_only_channels_that_cannot_write_first() {
        String org = Tenants.organization(api, "Web only " + UUID.randomUUID());
        String bot = api.post(
                        "/api/v1/organizations/" + org + "/chatbots",
                        "{\"name\": \"Web\", \"systemPrompt\": \"Help.\"}")
                .text("id");
        webchatContact(bot);

        assertProblem(
                api.post(
                        "/api/v1/chatbots/" + bot + "/broadcasts",
                        "{\"contacts\": [\"+4915112345670\"], \"message\": {\"text\": \"Hello\"}}"),
                400,
                "no_proactive_channel");
    }
}
