package io.parley.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.testing.Api;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The flow definitions API of issue 16 (contract: PUT → 201 draft, publish → 200) and what it refuses. */
class FlowDefinitionsIntegrationTest extends io.parley.testing.IntegrationTestSupport {
    private static final String SMALL_YAML = """
            # a comment that GET with Accept: application/yaml gives back
            key: greeting
            steps:
              - {id: hello, say: "Hello {{contact.first_name}}!"}
              - {id: name, ask: "Your name?", parse: text, store: name}
              - {id: bye, end: {status: qualified}, say: "Thanks {{answers.name}}."}
            """;
    private static final String SMALL_JSON = """
            {"key": "greeting", "steps": [
              {"id": "hello", "say": "Hi again"},
              {"id": "bye", "end": {"status": "lost"}}]}""";

    private FlowCalls flows;
    private String bot;

    @BeforeEach
    void bot() {
        flows = new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN);
        String org = Tenants.organization(api, "Flows " + UUID.randomUUID());
        Api.Response created = api.post(
                "/api/v1/organizations/" + org + "/chatbots",
                "{\"name\": \"Studio\", \"systemPrompt\": \"You help.\", \"model\": {\"provider\": \"offline\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        bot = created.text("id");
    }

    static String tattoo() throws IOException {
        try (InputStream in = FlowDefinitionsIntegrationTest.class.getResourceAsStream("/flows/tattoo_booking.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void should_save_a_yaml_flow_as_draft_version_one_when_put() {
        Api.Response saved = flows.putYaml(bot, "greeting", SMALL_YAML);

        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().path("key").asString()).isEqualTo("greeting");
        assertThat(saved.json().path("version").asInt()).isEqualTo(1);
        assertThat(saved.json().path("status").asString()).isEqualTo("draft");
        assertThat(saved.raw().headers().firstValue("Location"))
                .hasValue(FlowCalls.path(bot, "greeting") + "?version=1");
    }

    @Test
    void should_save_the_same_structure_sent_as_json() {
        Api.Response saved = api.put(FlowCalls.path(bot, "greeting"), SMALL_JSON);

        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        JsonNode read = api.get(FlowCalls.path(bot, "greeting")).json();
        assertThat(read.path("format").asString()).isEqualTo("json");
        assertThat(read.path("definition")
                        .path("steps")
                        .get(1)
                        .path("end")
                        .path("status")
                        .asString())
                .isEqualTo("lost");
    }

    @Test
    void should_accept_the_bundled_tattoo_flow_for_a_chatbot_without_a_template_channel() throws IOException {
        Api.Response saved = flows.putYaml(bot, "tattoo_booking", tattoo());

        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    }

    @Test
    void should_replace_the_draft_and_keep_its_version_until_it_is_published() {
        flows.putYaml(bot, "greeting", SMALL_YAML);
        Api.Response again = api.put(FlowCalls.path(bot, "greeting"), SMALL_JSON);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("version").asInt()).isEqualTo(1);
        assertThat(again.json().path("replaced").asBoolean()).isTrue();
        assertThat(api.get(FlowCalls.path(bot, "greeting/versions")).json()).hasSize(1);
    }

    @Test
    void should_publish_the_draft_and_start_a_new_version_on_the_next_put() {
        flows.putYaml(bot, "greeting", SMALL_YAML);

        Api.Response published = api.post(FlowCalls.path(bot, "greeting") + "/publish", "");
        Api.Response next = api.put(FlowCalls.path(bot, "greeting"), SMALL_JSON);

        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().path("status").asString()).isEqualTo("published");
        assertThat(published.json().path("version").asInt()).isEqualTo(1);
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.json().path("version").asInt()).isEqualTo(2);
        assertThat(next.json().path("status").asString()).isEqualTo("draft");
        JsonNode versions = api.get(FlowCalls.path(bot, "greeting/versions")).json();
        assertThat(versions)
                .extracting(
                        v -> v.path("version").asInt() + ":" + v.path("status").asString())
                .containsExactly("1:published", "2:draft");
        JsonNode list = api.get("/api/v1/chatbots/" + bot + "/flows").json();
        assertThat(list.get(0).path("key").asString()).isEqualTo("greeting");
        assertThat(list.get(0).path("published").asInt()).isEqualTo(1);
        assertThat(list.get(0).path("draft").asInt()).isEqualTo(2);
    }

    @Test
    void should_archive_the_previous_version_and_never_change_a_published_one() {
        flows.putYaml(bot, "greeting", SMALL_YAML);
        api.post(FlowCalls.path(bot, "greeting") + "/publish", "");
        String v1 =
                flows.getYaml(FlowCalls.path(bot, "greeting") + "?version=1").body();
        api.put(FlowCalls.path(bot, "greeting"), SMALL_JSON);
        api.post(FlowCalls.path(bot, "greeting") + "/publish", "");

        Api.Response first = flows.getYaml(FlowCalls.path(bot, "greeting") + "?version=1");
        assertThat(first.body()).isEqualTo(v1).contains("# a comment");
        assertThat(first.raw().headers().firstValue("Parley-Flow-Status")).hasValue("archived");
        assertThat(api.get(FlowCalls.path(bot, "greeting"))
                        .json()
                        .path("version")
                        .asInt())
                .isEqualTo(2);
        // Not even a statement past the API may rewrite a version that left draft.
        assertThatThrownBy(() -> jdbc.sql(
                                "update flow_definitions set source = 'x' where chatbot_id = :bot and version = 2")
                        .param("bot", UUID.fromString(bot))
                        .update())
                .hasMessageContaining("cannot change");
    }

    @Test
    void should_answer_yaml_converted_from_json_when_asked_for_yaml() {
        api.put(FlowCalls.path(bot, "greeting"), SMALL_JSON);

        Api.Response yaml = flows.getYaml(FlowCalls.path(bot, "greeting"));

        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(yaml.body()).contains("key: greeting").contains("say: Hi again");
    }

    @Test
    void should_refuse_a_second_publish_with_409_when_nothing_new_was_saved() {
        flows.putYaml(bot, "greeting", SMALL_YAML);
        api.post(FlowCalls.path(bot, "greeting") + "/publish", "");

        Api.Response again = api.post(FlowCalls.path(bot, "greeting") + "/publish", "");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("flow_no_draft");
    }

    @Test
    void should_answer_404_for_a_key_without_versions() {
        assertThat(api.get(FlowCalls.path(bot, "nothing_here")).text("code")).isEqualTo("flow_not_found");
        assertThat(api.post(FlowCalls.path(bot, "nothing_here") + "/publish", "")
                        .status())
                .isEqualTo(404);
        flows.putYaml(bot, "greeting", SMALL_YAML);
        assertThat(api.get(FlowCalls.path(bot, "greeting") + "?version=7").text("code"))
                .isEqualTo("flow_version_not_found");
    }

    @Test
    void should_name_step_and_field_of_each_problem_in_the_400() {
        Api.Response refused = flows.putYaml(bot, "greeting", """
                steps:
                  - {id: a, ask: {text: "?", buttons: [One, Two, Three, Four]}, parse: txt}
                """);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("flow_invalid");
        assertThat(refused.json().path("errors"))
                .extracting(
                        e -> e.path("step").asString() + " " + e.path("field").asString())
                .contains("a ask.buttons", "a parse");
    }

    @Test
    void should_give_line_and_column_when_the_yaml_cannot_be_read() {
        Api.Response refused = flows.putYaml(bot, "greeting", "steps:\n  - {id: a, say: hi\n  - broken: [\n");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("flow_invalid");
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("line").asInt()).isPositive();
        assertThat(error.has("column")).isTrue();
    }

    @Test
    void should_refuse_a_key_given_twice_in_one_mapping() {
        Api.Response refused = flows.putYaml(bot, "greeting", "steps: []\nsteps:\n  - {id: a, say: hi}\n");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("flow_invalid");
        assertThat(refused.body()).contains("steps");
    }

    @Test
    void should_refuse_a_definition_over_256_kb_with_413() {
        byte[] huge =
                ("steps:\n  - {id: a, say: \"" + "x".repeat(300 * 1024) + "\"}\n").getBytes(StandardCharsets.UTF_8);

        Api.Response refused = flows.putBytes(bot, "greeting", "application/yaml", huge);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.text("code")).isEqualTo("payload_too_large");
    }

    @Test
    void should_refuse_bytes_that_are_not_utf8() {
        byte[] latin1 = "steps:\n  - {id: a, say: \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);

        Api.Response refused = flows.putBytes(bot, "greeting", "application/yaml", latin1);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("flow_invalid");
    }

    @Test
    void should_refuse_a_malformed_key_with_400() {
        Api.Response refused = flows.putYaml(bot, "Bad-Key", SMALL_YAML.replace("key: greeting\n", ""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("validation_failed");
    }

    @Test
    void should_answer_404_for_another_organizations_chatbot() {
        flows.putYaml(bot, "greeting", SMALL_YAML);
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        String otherKey = api.post(
                        "/api/v1/organizations/" + otherOrg + "/api-keys", "{\"name\": \"a\", \"role\": \"admin\"}")
                .text("key");
        Api other = api.withToken(otherKey);

        assertThat(other.get(FlowCalls.path(bot, "greeting")).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/chatbots/" + bot + "/flows").status()).isEqualTo(404);
        assertThat(new FlowCalls(api, otherKey)
                        .putYaml(bot, "greeting", SMALL_YAML)
                        .status())
                .isEqualTo(404);
        assertThat(other.post(FlowCalls.path(bot, "greeting") + "/publish", "").status())
                .isEqualTo(404);
    }

    @Test
    void should_let_an_agent_read_but_not_save_or_publish() {
        flows.putYaml(bot, "greeting", SMALL_YAML);
        String org = api.get("/api/v1/chatbots/" + bot).text("organizationId");
        String agentKey = api.post(
                        "/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"a\", \"role\": \"agent\"}")
                .text("key");

        Api.Response put = new FlowCalls(api, agentKey).putYaml(bot, "greeting", SMALL_YAML);
        Api.Response publish = api.withToken(agentKey).post(FlowCalls.path(bot, "greeting") + "/publish", "");
        Api.Response read = api.withToken(agentKey).get(FlowCalls.path(bot, "greeting"));

        assertThat(put.status()).isEqualTo(403);
        assertThat(publish.status()).isEqualTo(403);
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void should_end_two_simultaneous_puts_as_one_consistent_draft() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Api.Response> put = () -> {
            start.await();
            return flows.putYaml(bot, "greeting", SMALL_YAML);
        };
        List<Future<Api.Response>> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            answers = pool.invokeAll(List.of(put, put));
        }

        for (Future<Api.Response> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(201);
            assertThat(answer.get().json().path("version").asInt()).isEqualTo(1);
        }
        assertThat(answers)
                .extracting(a -> a.get().json().path("replaced").asBoolean())
                .containsExactlyInAnyOrder(true, false);
        assertThat(jdbc.sql("select count(*) from flow_definitions where chatbot_id = :bot")
                        .param("bot", UUID.fromString(bot))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void should_end_simultaneous_put_after_publish_as_one_new_draft() throws Exception {
        flows.putYaml(bot, "greeting", SMALL_YAML);
        api.post(FlowCalls.path(bot, "greeting") + "/publish", "");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Api.Response> put = () -> {
            start.await();
            return api.put(FlowCalls.path(bot, "greeting"), SMALL_JSON);
        };
        List<Future<Api.Response>> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            answers = pool.invokeAll(List.of(put, put));
        }

        for (Future<Api.Response> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(201);
            assertThat(answer.get().json().path("version").asInt()).isEqualTo(2);
        }
        assertThat(api.get(FlowCalls.path(bot, "greeting/versions")).json()).hasSize(2);
    }
}
