package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dead-letters page over HTTP: replay by filter, replay twice, other organizations, CSRF and roles. */
class DeadLetterConsoleIntegrationTest extends IntegrationTestSupport {

    /** A conversation whose agent messages Graph refuses for good (131026), with {@code count} dead letters. */
    record Undeliverable(Tenants.WhatsAppBot bot, WhatsAppChat chat, List<String> deadLetterIds) {}

    static Undeliverable undeliverable(Api api, int count) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);
        ResponseDefinitionBuilder[] responses = new ResponseDefinitionBuilder[count + 1];
        Arrays.fill(responses, 0, count, GraphFake.error(400, 131026, "Message undeliverable"));
        responses[count] = GraphFake.sent();
        // Each message is refused once (permanent); a replay is then accepted.
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), responses);
        for (int i = 0; i < count; i++) {
            Api.Response sent = api.post(
                    "/api/v1/conversations/" + chat.conversationId() + "/messages",
                    "{\"text\": \"Your parcel " + i + " shipped.\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openDeadLetters(api, bot).size() == count);
        return new Undeliverable(
                bot,
                chat,
                openDeadLetters(api, bot).stream()
                        .map(d -> d.path("id").asString())
                        .toList());
    }

    static List<JsonNode> openDeadLetters(Api api, Tenants.WhatsAppBot bot) {
        JsonNode letters = api.get("/api/v1/organizations/" + bot.organizationId() + "/dead-letters?state=open")
                .json();
        return StreamSupport.stream(letters.spliterator(), false).toList();
    }

    @Test
    void should_replay_every_open_dead_letter_matching_the_filter_and_say_how_many() {
        Undeliverable failed = undeliverable(api, 2);
        ConsoleHttp admin = signedIn(failed, "admin");

        HttpResponse<String> other =
                admin.postWithCsrf("/console/dead-letters/replay", Map.of("state", "open", "reason", "470"));
        HttpResponse<String> matching = admin.postWithCsrf(
                "/console/dead-letters/replay", Map.of("state", "open", "reason", "131026", "transient", "false"));

        assertThat(other.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("replayed=0"));
        assertThat(matching.statusCode()).isEqualTo(302);
        String location = matching.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("reason=131026", "transient=false", "replayed=2", "skipped=0");
        assertThat(openDeadLetters(api, failed.bot())).isEmpty();
        assertThat(admin.get(location.substring(location.indexOf("/console"))).body())
                .contains("2 dead letters replayed.")
                .contains("data-test=\"dead-letters-empty\"");
    }

    @Test
    void should_say_so_when_a_dead_letter_was_replayed_already() {
        Undeliverable failed = undeliverable(api, 1);
        ConsoleHttp admin = signedIn(failed, "admin");
        String replay = "/console/dead-letters/" + failed.deadLetterIds().getFirst() + "/replay";

        assertThat(admin.postWithCsrf(replay, Map.of()).statusCode()).isEqualTo(302);
        HttpResponse<String> again = admin.postWithCsrf(replay, Map.of());

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("was replayed already");
    }

    @Test
    void should_not_replay_another_organizations_dead_letter_nor_without_the_csrf_token() {
        Undeliverable theirs = undeliverable(api, 1);
        Undeliverable ours = undeliverable(api, 1);
        ConsoleHttp admin = signedIn(ours, "admin");

        HttpResponse<String> foreign = admin.postWithCsrf(
                "/console/dead-letters/" + theirs.deadLetterIds().getFirst() + "/replay", Map.of());
        HttpResponse<String> malformed = admin.postWithCsrf("/console/dead-letters/nope/replay", Map.of());
        HttpResponse<String> forged =
                admin.postForm("/console/dead-letters/" + ours.deadLetterIds().getFirst() + "/replay", Map.of());
        HttpResponse<String> forgedBulk = admin.postForm("/console/dead-letters/replay", Map.of());

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("data-test=\"not-found\"");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forgedBulk.statusCode()).isEqualTo(403);
        assertThat(openDeadLetters(api, theirs.bot())).hasSize(1);
        assertThat(openDeadLetters(api, ours.bot())).hasSize(1);
        assertThat(admin.get("/console/dead-letters").body())
                .contains(ours.deadLetterIds().getFirst())
                .doesNotContain(theirs.deadLetterIds().getFirst());
        assertThat(admin.get("/console/dead-letters?state=lost").statusCode()).isEqualTo(400);
    }

    @Test
    void should_show_agents_the_not_allowed_page_and_replay_nothing() {
        Undeliverable failed = undeliverable(api, 1);
        ConsoleHttp agent = signedIn(failed, "agent");

        HttpResponse<String> page = agent.get("/console/dead-letters");
        HttpResponse<String> replay = agent.postWithCsrf("/console/dead-letters/replay", Map.of());

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("data-test=\"nav-dead-letters\"", "data-test=\"dead-letter\"");
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(openDeadLetters(api, failed.bot())).hasSize(1);
    }

    private ConsoleHttp signedIn(Undeliverable failed, String role) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, failed.bot().organizationId(), role), ConsoleStaff.PASSWORD);
    }
}
