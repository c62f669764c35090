package io.parley.conversation;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.console.ConsoleHttp;
import io.parley.console.ConsoleStaff;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pilot mode (issue 16 scope 5): a chatbot in pilot answers and writes only to the contacts on its allowlist; the
 * others' messages are stored and closed unanswered ({@code blocked_pilot}), and every send to them is refused.
 */
class PilotModeIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ =
            "[{\"question\": \"What are your opening hours?\", \"answer\": \"Nine to five.\"}]";
    private static final String QUESTION = "What are your opening hours?";

    @Test
    void should_answer_the_allowed_contact_and_store_the_others_messages_unanswered_when_pilot_mode_is_on() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String allowed = phone("3460");
        Api.Response put = pilot(bot, "{\"enabled\": true, \"allow\": [\"" + spaced(allowed) + "\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("enabled").asBoolean()).isTrue();
        assertThat(put.json().path("allow").toString()).isEqualTo("[\"" + allowed + "\"]");
        WhatsAppChat tester = WhatsAppChat.start(api, bot, allowed);
        WhatsAppChat stranger = WhatsAppChat.start(api, bot, phone("3461"));

        tester.says(QUESTION);
        stranger.says(QUESTION);

        assertThat(tester.awaitReceived(1)).containsExactly("Nine to five.");
        assertThat(awaitTurnReasons(stranger, 1)).containsExactly("blocked_pilot");
        assertThat(roles(stranger)).containsExactly("user");
        assertThat(stranger.received()).isEmpty();
        assertThat(outboxRows(stranger)).isZero();
        List<JsonNode> events = events(bot, "pilot_mode.blocked");
        assertThat(events).hasSize(1);
        JsonNode event = events.getFirst();
        assertThat(event.path("level").asString()).isEqualToIgnoringCase("info");
        assertThat(event.path("chatbotId").asString()).isEqualTo(bot.chatbotId());
        assertThat(event.path("payload").path("contact").asString())
                .isEqualTo(
                        "********" + stranger.waId().substring(stranger.waId().length() - 4));
        assertThat(event.toString()).doesNotContain(stranger.waId());

        stranger.says("Hello? Anyone?");

        assertThat(awaitTurnReasons(stranger, 2)).containsExactly("blocked_pilot", "blocked_pilot");
        assertThat(roles(stranger)).containsExactly("user", "user");
        assertThat(events(bot, "pilot_mode.blocked"))
                .as("one event per conversation and hour")
                .hasSize(1);
        assertThat(GraphFake.sends(bot.phoneNumberId()))
                .extracting(
                        r -> Api.json().readTree(r.getBodyAsString()).path("to").asString())
                .containsOnly(allowed);
    }

    @Test
    void should_refuse_api_and_console_sends_with_409_and_queue_nothing_when_the_contact_is_not_allowed() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String allowed = phone("3460");
        pilot(bot, "{\"enabled\": true, \"allow\": [\"+" + allowed + "\"]}");
        WhatsAppChat tester = WhatsAppChat.start(api, bot, allowed);
        WhatsAppChat stranger = WhatsAppChat.start(api, bot, phone("3461"));
        tester.says("Hi");
        stranger.says("Hi");
        awaitTurnReasons(stranger, 1);

        JsonNode problem = assertProblem(
                api.post(
                        "/api/v1/conversations/" + stranger.conversationId() + "/messages",
                        "{\"text\": \"Hello from the team\"}"),
                409,
                "pilot_mode_outbound_blocked");
        assertThat(problem.path("detail").asString()).contains("pilot mode");
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);
        HttpResponse<String> console = agent.postWithCsrf(
                "/console/conversations/" + stranger.conversationId() + "/messages",
                Map.of("text", "Hello from the team", "idempotencyKey", "console-" + UUID.randomUUID()));
        assertThat(console.statusCode()).as(console.body()).isEqualTo(409);
        assertThat(console.body()).contains("pilot mode");

        assertThat(outboxRows(stranger)).isZero();
        assertThat(roles(stranger)).containsExactly("user");
        Api.Response toTester = api.post(
                "/api/v1/conversations/" + tester.conversationId() + "/messages",
                "{\"text\": \"Hello from the team\"}");
        assertThat(toTester.status()).as(toTester.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> tester.received().contains("Hello from the team"));
        assertThat(stranger.received()).isEmpty();
    }

    @Test
    void should_skip_contacts_outside_the_pilot_in_broadcasts_and_campaigns_and_record_the_refusal() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String allowed = phone("3460");
        String other = phone("3461");
        pilot(bot, "{\"enabled\": true, \"allow\": [\"" + allowed + "\"]}");
        WhatsAppChat tester = WhatsAppChat.start(api, bot, allowed);
        WhatsAppChat stranger = WhatsAppChat.start(api, bot, other);
        tester.says("Hi");
        stranger.says("Hi");
        awaitTurnReasons(stranger, 1);
        for (WhatsAppChat chat : List.of(tester, stranger)) {
            Api.Response tagged = api.put(
                    "/api/v1/chatbots/" + bot.chatbotId() + "/contacts/" + contactOf(chat) + "/tags",
                    "{\"tags\": [\"pilot\"]}");
            assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        }

        Api.Response broadcast = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/broadcasts",
                "{\"contacts\": [\"+" + other + "\", \"+" + allowed + "\"], \"message\": {\"text\": \"Broadcast\"}}");
        Api.Response campaign = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/campaigns",
                "{\"name\": \"Pilot sale\", \"tag\": \"pilot\", \"message\": {\"text\": \"Campaign\"}}");

        assertThat(broadcast.status()).as(broadcast.body()).isEqualTo(202);
        JsonNode results = broadcast.json().path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("rejected");
        assertThat(results.get(0).path("reason").asString()).isEqualTo("pilot_mode_outbound_blocked");
        assertThat(results.get(1).path("status").asString()).isEqualTo("queued");
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(202);
        JsonNode progress = awaitCampaign(bot, campaign.text("id"));
        assertThat(progress.path("queued").asInt()).isEqualTo(1);
        assertThat(progress.path("skipped").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> tester.received().containsAll(List.of("Broadcast", "Campaign")));
        assertThat(stranger.received()).isEmpty();
        assertThat(outboxRows(stranger)).isZero();
        List<JsonNode> refused = events(bot, "pilot_mode.outbound_blocked");
        assertThat(refused)
                .extracting(e -> e.path("payload").path("source").asString())
                .containsExactlyInAnyOrder("broadcast", "campaign");
        assertThat(refused)
                .extracting(e -> e.path("payload").path("contact").asString())
                .containsOnly("********" + other.substring(other.length() - 4));
    }

    @Test
    void should_answer_again_and_keep_the_allowlist_when_pilot_mode_is_switched_off() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String allowed = phone("3460");
        pilot(bot, "{\"enabled\": true, \"allow\": [\"" + allowed + "\"]}");
        WhatsAppChat stranger = WhatsAppChat.start(api, bot, phone("3461"));
        stranger.says(QUESTION);
        awaitTurnReasons(stranger, 1);

        Api.Response off = pilot(bot, "{\"enabled\": false}");

        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
        assertThat(off.json().path("allow").toString()).isEqualTo("[\"" + allowed + "\"]");
        assertThat(api.get(pilotPath(bot)).json()).isEqualTo(off.json());
        stranger.says(QUESTION);
        assertThat(stranger.awaitReceived(1)).containsExactly("Nine to five.");
        assertThat(api.post(
                                "/api/v1/conversations/" + stranger.conversationId() + "/messages",
                                "{\"text\": \"Welcome\"}")
                        .status())
                .isEqualTo(202);
    }

    @Test
    void should_answer_404_for_another_organizations_chatbot_and_an_unknown_one() {
        Tenants.WhatsAppBot mine = Tenants.offlineBot(api, FAQ);
        Tenants.WhatsAppBot theirs = Tenants.offlineBot(api, FAQ);
        Api admin = api.withToken(adminKey(theirs));

        assertProblem(admin.get(pilotPath(mine)), 404, "chatbot_not_found");
        assertProblem(admin.put(pilotPath(mine), "{\"enabled\": true, \"allow\": []}"), 404, "chatbot_not_found");
        assertThat(api.get(pilotPath(mine)).json().path("enabled").asBoolean()).isFalse();
        assertThat(admin.get(pilotPath(theirs)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/chatbots/" + UUID.randomUUID() + "/pilot").status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/chatbots/not-an-id/pilot").status()).isEqualTo(404);
    }

    @Test
    void should_refuse_bad_input_with_400_naming_the_field_and_keep_the_stored_pilot() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String path = pilotPath(bot);
        pilot(bot, "{\"enabled\": true, \"allow\": [\"34600000001\", \"+34 600 000 001\", \"Ana@Example.com\"]}");

        assertInvalidField(api.put(path, "{}"), "enabled");
        assertInvalidField(api.put(path, "{\"enabled\": \"yes\"}"), "enabled");
        assertInvalidField(api.put(path, "[]"), "enabled");
        assertInvalidField(api.put(path, "{\"enabled\": true, \"allow\": \"34600000001\"}"), "allow");
        assertInvalidField(api.put(path, "{\"enabled\": true, \"allow\": [\"34600000002\", \" \"]}"), "allow[1]");
        assertInvalidField(api.put(path, "{\"enabled\": true, \"allow\": [12345]}"), "allow[0]");
        assertInvalidField(api.put(path, "{\"enabled\": true, \"allow\": [\"" + "x".repeat(256) + "\"]}"), "allow[0]");
        String tooMany = String.join(",", Collections.nCopies(1001, "\"34600000001\""));
        assertInvalidField(api.put(path, "{\"enabled\": false, \"allow\": [" + tooMany + "]}"), "allow");
        assertProblem(api.withToken(agentKey(bot)).put(path, "{\"enabled\": false}"), 403, "forbidden");

        JsonNode stored = api.get(path).json();
        assertThat(stored.path("enabled").asBoolean()).isTrue();
        assertThat(stored.path("allow").toString()).isEqualTo("[\"34600000001\",\"ana@example.com\"]");
    }

    private Api.Response pilot(Tenants.WhatsAppBot bot, String body) {
        return api.put(pilotPath(bot), body);
    }

    private static String pilotPath(Tenants.WhatsAppBot bot) {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/pilot";
    }

    /** A random 11-digit number starting with {@code prefix}, as WhatsApp sends it (no '+'). */
    private static String phone(String prefix) {
        return prefix + ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L);
    }

    /** "+34 600 000 001" for "34600000001": how people type numbers. */
    private static String spaced(String digits) {
        return "+" + digits.substring(0, 2) + " " + digits.substring(2, 5) + " " + digits.substring(5, 8) + " "
                + digits.substring(8);
    }

    private String adminKey(Tenants.WhatsAppBot bot) {
        return key(bot, "admin");
    }

    private String agentKey(Tenants.WhatsAppBot bot) {
        return key(bot, "agent");
    }

    private String key(Tenants.WhatsAppBot bot, String role) {
        Api.Response key = api.post(
                "/api/v1/organizations/" + bot.organizationId() + "/api-keys",
                "{\"name\": \"" + role + "\", \"role\": \"" + role + "\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return key.text("key");
    }

    private List<String> awaitTurnReasons(WhatsAppChat chat, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> turnReasons(chat).size() >= count);
        return turnReasons(chat);
    }

    private List<String> turnReasons(WhatsAppChat chat) {
        return jdbc.sql("select fallback_reason from turns where conversation_id = :id order by started_at")
                .param("id", UUID.fromString(chat.conversationId()))
                .query(String.class)
                .list();
    }

    private List<String> roles(WhatsAppChat chat) {
        return StreamSupport.stream(chat.messages().spliterator(), false)
                .map(m -> m.path("role").asString())
                .toList();
    }

    private int outboxRows(WhatsAppChat chat) {
        return jdbc.sql("select count(*) from outbound_messages where conversation_id = :id")
                .param("id", UUID.fromString(chat.conversationId()))
                .query(Integer.class)
                .single();
    }

    private List<JsonNode> events(Tenants.WhatsAppBot bot, String type) {
        Api.Response events = api.get("/api/v1/organizations/" + bot.organizationId() + "/events?type=" + type);
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        return StreamSupport.stream(events.json().spliterator(), false).toList();
    }

    private String contactOf(WhatsAppChat chat) {
        return jdbc.sql("select contact_id::text from conversations where id = :id")
                .param("id", UUID.fromString(chat.conversationId()))
                .query(String.class)
                .single();
    }

    private JsonNode awaitCampaign(Tenants.WhatsAppBot bot, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Response response = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/campaigns/" + id);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            last[0] = response.json();
            return last[0].path("status").asString().equals("completed");
        });
        return last[0];
    }
}
