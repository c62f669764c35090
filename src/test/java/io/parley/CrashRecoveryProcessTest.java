package io.parley;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.parley.channels.whatsapp.WhatsAppPayloads.newWamid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.GraphFake;
import io.parley.testing.LlmFake;
import io.parley.testing.ParleyProcess;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.TestDatabases;
import io.parley.testing.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A node killed with SIGKILL after acknowledging a webhook and before replying: after a restart the contact gets
 * exactly one reply. Runs a real Parley process, with an external PostgreSQL and with the embedded default (whose
 * server the kill leaves running, holding the data directory).
 */
class CrashRecoveryProcessTest {
    private final Path dataDir = ParleyProcess.tempDir("parley-crash");
    private ParleyProcess parley;

    @AfterEach
    void stop() {
        if (parley != null) {
            parley.close();
        }
        ParleyProcess.stopLeftoverPostgres(dataDir);
    }

    @Test
    void should_send_exactly_one_reply_when_killed_mid_turn_with_an_external_postgres() {
        Map<String, String> env = environment();
        env.put("PARLEY_DB_URL", TestDatabases.fresh());
        killMidTurnAndRestart(env, "external");
    }

    @Test
    void should_send_exactly_one_reply_when_killed_mid_turn_with_the_embedded_postgres() {
        killMidTurnAndRestart(environment(), "embedded");
    }

    /**
     * Killed while Meta was accepting the reply: the request reached the Graph API, the answer never came back. After
     * the restart the revived attempt must wait for Meta's status report (it carries our id) instead of sending a
     * second copy straight away; once the report comes, nothing is sent again.
     */
    @Test
    void should_not_send_the_reply_again_when_killed_while_meta_was_accepting_it() {
        Map<String, String> env = environment();
        env.put("PARLEY_DB_URL", TestDatabases.fresh());
        env.put("PARLEY_DELIVERY_CONFIRMATION_WAIT", "30s"); // counted from the send before the kill
        parley = new ParleyProcess(env, ParleyProcess.logFile("crash-mid-send")).start();
        LlmFake llm = LlmFake.create();
        llm.replies("Booked for eight.");
        Bot bot = createBot(parley.api(), llm);
        GraphFake.sendsRespondInSequence(
                bot.phoneNumberId,
                aResponse()
                        .withFixedDelay(30_000)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}"),
                GraphFake.sent());

        String customer = "15557770002";
        assertThat(Webhooks.post(
                                parley.api(),
                                WhatsAppPayloads.text(bot.phoneNumberId, customer, newWamid(), "A table for two?"),
                                bot.appSecret)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> GraphFake.sends(bot.phoneNumberId).size() == 1);
        String callback = Api.json()
                .readTree(GraphFake.sends(bot.phoneNumberId).getFirst().getBodyAsString())
                .path("biz_opaque_callback_data")
                .asString();

        parley.kill();
        parley.start();

        // Long enough for the dead execution to be revived (1 s heartbeats) and, without the wait, resent.
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(8))
                .until(() -> GraphFake.sends(bot.phoneNumberId).size() == 1);
        assertThat(Webhooks.post(
                                parley.api(),
                                WhatsAppPayloads.statusWithCallback(
                                        bot.phoneNumberId,
                                        "wamid.ACCEPTED_BEFORE_THE_KILL",
                                        "delivered",
                                        customer,
                                        callback),
                                bot.appSecret)
                        .status())
                .isEqualTo(200);
        // Past the confirmation wait (30 s after the first send): a resend would have happened by now.
        await().during(Duration.ofSeconds(22))
                .atMost(Duration.ofSeconds(24))
                .until(() -> GraphFake.sends(bot.phoneNumberId).size() == 1);
        String conversationId = parley.api()
                .get("/api/v1/chatbots/" + bot.chatbotId + "/conversations")
                .json()
                .get(0)
                .path("id")
                .asString();
        JsonNode reply = parley.api()
                .get("/api/v1/conversations/" + conversationId + "/messages")
                .json()
                .get(1);
        assertThat(reply.path("delivery").path("status").asString()).isEqualTo("delivered");
        assertThat(reply.path("delivery").path("providerMessageId").asString())
                .isEqualTo("wamid.ACCEPTED_BEFORE_THE_KILL");
    }

    private void killMidTurnAndRestart(Map<String, String> env, String name) {
        parley = new ParleyProcess(env, ParleyProcess.logFile("crash-" + name)).start();
        LlmFake llm = LlmFake.create();
        // The model takes long enough for the kill to land while the turn waits for it.
        llm.replies(aResponse()
                .withFixedDelay(30_000)
                .withHeader("Content-Type", "application/json")
                .withBody(LlmFake.completion("The one and only answer.")));
        Bot bot = createBot(parley.api(), llm);

        Api.Response ack = Webhooks.post(
                parley.api(),
                WhatsAppPayloads.text(bot.phoneNumberId, "15557770001", newWamid(), "Is anyone there?"),
                bot.appSecret);
        assertThat(ack.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> llm.requests().size() == 1);

        parley.kill();
        llm.replies("The one and only answer.");
        parley.start();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> GraphFake.sends(bot.phoneNumberId).size() >= 1);
        // Give a duplicate every chance to appear: dead-execution detection, retries and the reaper all run by now.
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId).size() == 1);
        JsonNode sent = Api.json()
                .readTree(GraphFake.sends(bot.phoneNumberId).getFirst().getBodyAsString());
        assertThat(sent.path("text").path("body").asString()).isEqualTo("The one and only answer.");

        String conversationId = parley.api()
                .get("/api/v1/chatbots/" + bot.chatbotId + "/conversations")
                .json()
                .get(0)
                .path("id")
                .asString();
        JsonNode messages = parley.api()
                .get("/api/v1/conversations/" + conversationId + "/messages")
                .json();
        assertThat(messages).extracting(m -> m.path("role").asString()).containsExactly("user", "assistant");
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_DB_POOL_SIZE", "5");
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_ADMIN_TOKEN", ParleyTestContext.ADMIN_TOKEN);
        env.put("PARLEY_MASTER_KEY", ParleyTestContext.MASTER_KEY);
        env.put("PARLEY_WHATSAPP_GRAPH_URL", Fakes.graphUrl());
        env.put("PARLEY_JOB_HEARTBEAT", "1s");
        env.put("PARLEY_CONVERSATION_DEBOUNCE", "300ms");
        env.put("PARLEY_DEMO", "false");
        env.put("PARLEY_EGRESS_ALLOW", "127.0.0.1,localhost"); // the fake model and embedding servers (ADR 24)
        return env;
    }

    private record Bot(String chatbotId, String phoneNumberId, String appSecret) {}

    private static Bot createBot(Api api, LlmFake llm) {
        String org =
                api.post("/api/v1/organizations", "{\"name\": \"Crash test\"}").text("id");
        Api.Response bot =
                api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Crash", "systemPrompt": "Be brief.",
                 "model": {"provider": "openai", "name": "gpt-4o-mini", "baseUrl": "%s", "apiKey": "%s",
                           "timeoutSeconds": 120}}""".formatted(llm.baseUrl(), llm.apiKey()));
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        String phoneNumberId = Long.toString(
                900_000_000_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
        String appSecret = "crash-secret-" + UUID.randomUUID();
        Api.Response channel =
                api.post("/api/v1/chatbots/" + bot.text("id") + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "EAAcrash", "appSecret": "%s",
                 "verifyToken": "v"}""".formatted(phoneNumberId, appSecret));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        GraphFake.acceptSends(phoneNumberId);
        return new Bot(bot.text("id"), phoneNumberId, appSecret);
    }
}
