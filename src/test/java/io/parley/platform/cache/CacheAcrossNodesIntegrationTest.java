package io.parley.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.LlmRequests;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two nodes on one database (ADR 50): node A is the test's Parley, which takes the API calls and the webhooks; node
 * B is a second application context on the same database and clock, and runs every turn and send (A's job
 * scheduler is paused meanwhile). B has cached what its first turn read; a change made through A's API must reach
 * B's next turn at once, not when B's entries expire (the clock stands far inside their time to live).
 */
class CacheAcrossNodesIntegrationTest extends IntegrationTestSupport {
    private static ConfigurableApplicationContext nodeB;

    @Autowired
    private Environment environment;

    @Autowired
    private Clock clock;

    @Autowired
    private Scheduler scheduler;

    @BeforeEach
    void startNodeBAndLetItRunTheJobs() throws Exception {
        if (nodeB == null) {
            nodeB = nodeOnThisDatabase();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> nodeB.getBean(ChangeNotices.class).listening());
        scheduler.pause();
    }

    @AfterEach
    void resumeThisNode() {
        scheduler.resume();
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @Test
    void should_use_the_new_system_prompt_on_the_other_nodes_next_turn_when_it_is_changed() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);
        assertThat(systemPromptOfLastCall(bot)).contains("You are a helpful assistant.");
        double hitsBefore = chatbotCacheHitsOnNodeB();

        Api.Response changed =
                api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"systemPrompt\": \"Answer like a pirate.\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        chat.says("And now?");

        assertThat(chat.awaitReceived(2)).hasSize(2);
        assertThat(systemPromptOfLastCall(bot))
                .contains("Answer like a pirate.")
                .doesNotContain("You are a helpful assistant.");
        // B answered from its cache meanwhile: the new prompt came from the notice, not from an uncached read.
        assertThat(chatbotCacheHitsOnNodeB()).isGreaterThan(hitsBefore);
    }

    @Test
    void should_refuse_the_next_turn_on_the_other_node_at_once_when_the_organization_is_suspended() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);

        Api.Response suspended = api.patch("/api/v1/organizations/" + bot.organizationId(), "{\"active\": false}");
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        chat.says("Hello again?");

        await().atMost(Duration.ofSeconds(15)).until(() -> !pausedEvents(bot).isEmpty());
        assertThat(pausedEvents(bot).getFirst().path("payload").path("reason").asString())
                .isEqualTo("organization_paused");
        assertThat(chat.received()).hasSize(1);
        assertThat(bot.llm().requests()).hasSize(1);
    }

    @Test
    void should_send_with_the_new_token_from_the_other_node_when_the_channel_token_is_rotated() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);
        assertThat(lastSendAuthorization(bot)).isEqualTo("Bearer " + bot.accessToken());
        String token = "EAArotated" + UUID.randomUUID().toString().replace("-", "");

        Api.Response rotated = api.patch(
                "/api/v1/chatbots/" + bot.chatbotId() + "/channels/" + bot.channelId(),
                "{\"accessToken\": \"" + token + "\"}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        chat.says("Still there?");

        assertThat(chat.awaitReceived(2)).hasSize(2);
        assertThat(lastSendAuthorization(bot)).isEqualTo("Bearer " + token);
    }

    @Test
    void should_not_miss_a_change_made_while_the_other_nodes_listener_reconnects() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);
        ChangeNotices notices = nodeB.getBean(ChangeNotices.class);
        int cut = notices.listenerBackendPid();

        jdbc.sql("select pg_terminate_backend(:pid)").param("pid", cut).query().singleValue();
        api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"systemPrompt\": \"Answer in haiku.\"}");
        bot.llm().replies("Autumn moonlight");
        chat.says("Tell me more");

        assertThat(chat.awaitReceived(2)).hasSize(2);
        assertThat(systemPromptOfLastCall(bot)).contains("Answer in haiku.");
        await().atMost(Duration.ofSeconds(10)).until(() -> notices.listening() && notices.listenerBackendPid() != cut);
    }

    private static String systemPromptOfLastCall(Tenants.WhatsAppBot bot) {
        LlmFake llm = bot.llm();
        return LlmRequests.messages(llm.requests().getLast()).stream()
                .filter(line -> line.role().equals("system"))
                .map(LlmRequests.Line::text)
                .findFirst()
                .orElse("");
    }

    private static String lastSendAuthorization(Tenants.WhatsAppBot bot) {
        return GraphFake.sends(bot.phoneNumberId()).getLast().getHeader("Authorization");
    }

    private List<tools.jackson.databind.JsonNode> pausedEvents(Tenants.WhatsAppBot bot) {
        tools.jackson.databind.JsonNode events = api.get(
                        "/api/v1/organizations/" + bot.organizationId() + "/events?type=turn.paused")
                .json();
        return StreamSupport.stream(events.spliterator(), false).toList();
    }

    private static double chatbotCacheHitsOnNodeB() {
        return nodeB.getBean(MeterRegistry.class)
                .get("parley.cache.hits")
                .tag("cache", "chatbots")
                .counter()
                .count();
    }

    /** A second Parley on this test's database, reading this node's clock (their jobs' due times must agree). */
    private ConfigurableApplicationContext nodeOnThisDatabase() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        for (String name : List.of(
                "parley.db.url",
                "parley.master-key",
                "parley.admin-token",
                "parley.whatsapp.graph-url",
                "parley.egress.allow",
                "parley.conversation.debounce",
                "parley.delivery.first-backoff",
                "parley.delivery.confirmation-wait",
                "db-scheduler.polling-interval",
                "db-scheduler.heartbeat-interval",
                // Logging is global to the JVM: a second context re-initialises it, and later tests read JSON lines.
                "logging.structured.format.console")) {
            properties.put(name, environment.getProperty(name));
        }
        properties.put("parley.db.pool-size", "5");
        properties.put("server.port", "0");
        properties.put("parley.demo.enabled", "false");
        properties.put(
                "parley.data-dir", Files.createTempDirectory("parley-node-b").toString());
        Clock shared = clock;
        return new SpringApplicationBuilder(io.parley.ParleyApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", shared))
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }
}
