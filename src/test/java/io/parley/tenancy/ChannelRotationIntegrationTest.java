package io.parley.tenancy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rotating a WhatsApp channel's credentials with {@code PATCH /api/v1/chatbots/{botId}/channels/{channelId}}
 * (issue 12, item 8): a new access token is verified with Meta like on connect, the app secret and verify token
 * are replaced, and the new ones are used at once.
 */
class ChannelRotationIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ =
            "[{\"question\": \"What are your opening hours?\", \"answer\": \"Nine to five.\"}]";

    @Test
    void should_verify_the_new_access_token_and_send_with_it_when_it_is_rotated() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String token = "EAArotated" + UUID.randomUUID().toString().replace("-", "");

        Api.Response rotated = api.patch(channel(bot), "{\"accessToken\": \"" + token + "\"}");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.body()).doesNotContain(token);
        assertThat(rotated.json().path("verifiedName").asString()).isEqualTo(GraphFake.VERIFIED_NAME);
        assertThat(GraphFake.numberLookups(bot.phoneNumberId()).getLast().getHeader("Authorization"))
                .isEqualTo("Bearer " + token);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("What are your opening hours?");
        chat.awaitReceived(1);
        assertThat(GraphFake.sends(bot.phoneNumberId()).getLast().getHeader("Authorization"))
                .isEqualTo("Bearer " + token);
    }

    @Test
    void should_refuse_and_keep_the_old_token_when_meta_does_not_confirm_the_new_one() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        GraphFake.numberLookupAnswers(bot.phoneNumberId(), GraphFake.error(401, 190, "Invalid OAuth access token"));

        JsonNode problem = assertProblem(
                api.patch(channel(bot), "{\"accessToken\": \"EAAwrong\", \"appSecret\": " + "\"new-secret\"}"),
                400,
                "channel_verification_failed");

        assertThat(problem.path("field").asString()).isEqualTo("accessToken");
        GraphFake.numberLookupAnswers(bot.phoneNumberId(), okJson("{\"id\": \"" + bot.phoneNumberId() + "\"}"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("What are your opening hours?");
        assertThat(chat.awaitReceived(1)).containsExactly("Nine to five.");
        assertThat(GraphFake.sends(bot.phoneNumberId()).getLast().getHeader("Authorization"))
                .as("nothing of the refused change was stored")
                .isEqualTo("Bearer " + bot.accessToken());
    }

    @Test
    void should_accept_webhooks_signed_with_the_new_app_secret_only_when_it_is_rotated() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        String secret = "rotated-secret-" + UUID.randomUUID();

        assertThat(api.patch(channel(bot), "{\"appSecret\": \"" + secret + "\"}")
                        .status())
                .isEqualTo(200);

        String payload = WhatsAppPayloads.text(
                bot.phoneNumberId(), chat.waId(), WhatsAppPayloads.newWamid(), "What are your opening hours?");
        assertThat(Webhooks.post(api, payload, bot.appSecret()).status())
                .as("the old secret")
                .isEqualTo(401);
        assertThat(Webhooks.post(api, payload, secret).status())
                .as("the new secret")
                .isEqualTo(200);
        assertThat(chat.awaitReceived(1)).containsExactly("Nine to five.");
    }

    @Test
    void should_confirm_the_subscription_with_the_new_verify_token_only_when_it_is_rotated() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String verifyToken = "verify-rotated-" + UUID.randomUUID();

        assertThat(api.patch(channel(bot), "{\"verifyToken\": \"" + verifyToken + "\"}")
                        .status())
                .isEqualTo(200);

        assertThat(handshake(bot.verifyToken()).status()).isEqualTo(403);
        Api.Response confirmed = handshake(verifyToken);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).isEqualTo("4242");
    }

    @Test
    void should_refuse_bad_fields_other_chatbots_and_channels_without_credentials_when_patching() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        assertThat(assertProblem(api.patch(channel(bot), "{\"accessToken\": \"  \"}"), 400, "validation_failed")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("accessToken");
        assertThat(assertProblem(api.patch(channel(bot), "{\"appSecret\": 42}"), 400, "validation_failed")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("appSecret");
        assertProblem(api.patch(channel(bot), "[]"), 400, "validation_failed");
        String other = api.post(
                        "/api/v1/organizations/" + bot.organizationId() + "/chatbots",
                        "{\"name\": \"Other\", \"systemPrompt\": \"Help.\"}")
                .text("id");
        assertProblem(
                api.patch("/api/v1/chatbots/" + other + "/channels/" + bot.channelId(), "{}"),
                404,
                "channel_not_found");
        Api.Response webchat = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor\", \"text\": \"Hi\"}");
        assertThat(webchat.status()).isEqualTo(202);
        String webchatChannel = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/channels")
                .json()
                .valueStream()
                .filter(c -> c.path("type").asString().equals("webchat"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        assertProblem(
                api.patch(
                        "/api/v1/chatbots/" + bot.chatbotId() + "/channels/" + webchatChannel,
                        "{\"accessToken\": \"EAAx\"}"),
                400,
                "unsupported_channel_type");
        assertThat(api.patch(channel(bot), "{\"businessAccountId\": \"102290129340398\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.patch(channel(bot), "{\"businessAccountId\": \"WABA\"}").status())
                .isEqualTo(400);
    }

    private Api.Response handshake(String verifyToken) {
        return api.getRaw(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + verifyToken + "&hub.challenge=4242");
    }

    private static String channel(Tenants.WhatsAppBot bot) {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/channels/" + bot.channelId();
    }
}
