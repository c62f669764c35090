package io.parley.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.flows.golden.BundledGoldens;
import io.parley.testing.Api;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The golden-transcript API of issue 16 §6: tests stored per chatbot (YAML or JSON) and run against a version of
 * their flow, in memory — the result shape {@code {status, turns: [{index, expected, actual, diff}]}} is a contract.
 */
class FlowTestsIntegrationTest extends io.parley.testing.IntegrationTestSupport {
    private static final String REPAIR_ONCE = "02_repair_once_flow.yaml";
    private static final String HAPPY_PATH = "01_phase1_happy_path.yaml";

    private FlowCalls calls;
    private String org;
    private String bot;

    @BeforeEach
    void bot() {
        calls = new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN);
        org = Tenants.organization(api, "Flow tests " + UUID.randomUUID());
        Api.Response created = api.post(
                "/api/v1/organizations/" + org + "/chatbots",
                "{\"name\": \"Ink\", \"systemPrompt\": \"You help.\", \"model\": {\"provider\": \"offline\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        bot = created.text("id");
    }

    @Test
    void should_run_an_llm_step_without_a_stub_on_the_chatbots_real_model_and_say_nondeterministic() {
        Tenants.WhatsAppBot modelBot = Tenants.openAiBot(api);
        ChatbotEngineIntegrationTest.registerReminder(api, modelBot);
        modelBot.llm().replies("{\"placement\": \"ankle\", \"color\": true}");
        assertThat(calls.putYaml(modelBot.chatbotId(), "tattoo_booking", BundledGoldens.read(BundledGoldens.FLOW))
                        .status())
                .isEqualTo(201);
        String golden = golden("11_restart_then_new_answers_override_old_answers_in_summary.yaml")
                .replace("  llm: {idea_extract: {placement: ankle, color: true}}\n", "");
        String path = "/api/v1/chatbots/" + modelBot.chatbotId() + "/flow-tests/no_llm_stub";
        assertThat(calls.putAt(path, "application/yaml", golden.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(201);

        Api.Response run = api.post(path + "/runs", "");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.text("status")).as(run.body()).isEqualTo("nondeterministic");
        assertThat(modelBot.llm().requests()).isNotEmpty();
    }

    @Test
    void should_pass_every_bundled_golden_when_run_against_the_draft_of_the_bundled_flow() {
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW));
        List<Path> goldens = BundledGoldens.goldens();
        assertThat(goldens).hasSize(11);

        for (Path file : goldens) {
            String name = name(file);
            String yaml = BundledGoldens.read(file);
            Api.Response saved = putYaml(name, yaml);
            assertThat(saved.status()).as(saved.body()).isEqualTo(201);
            assertThat(saved.json().path("name").asString()).isEqualTo(name);
            assertThat(saved.json().path("flow").asString()).isEqualTo("tattoo_booking");
            assertThat(saved.json().path("turns").asInt()).isEqualTo(turnCount(yaml));

            Api.Response run = run(name, "");
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertThat(run.text("status")).as(name + ": " + run.body()).isEqualTo("passed");
            assertThat(run.json().path("flow").path("key").asString()).isEqualTo("tattoo_booking");
            assertThat(run.json().path("flow").path("version").asInt()).isEqualTo(1);
            JsonNode turns = run.json().path("turns");
            assertThat(turns).hasSize(turnCount(yaml));
            for (int i = 0; i < turns.size(); i++) {
                JsonNode turn = turns.get(i);
                assertThat(turn.path("index").asInt()).isEqualTo(i);
                assertThat(turn.has("expected") && turn.has("actual") && turn.has("diff"))
                        .as(turn.toString())
                        .isTrue();
                assertThat(turn.path("diff").isNull()).as(turn.toString()).isTrue();
            }
        }
        assertThat(api.get(tests()).json())
                .extracting(t -> t.path("name").asString())
                .containsExactlyElementsOf(goldens.stream()
                        .map(FlowTestsIntegrationTest::name)
                        .sorted()
                        .toList());
    }

    @Test
    void should_fail_with_a_diff_naming_bot_0_when_a_golden_expects_a_wrong_message() {
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW));
        String wrong = golden(REPAIR_ONCE).replace("\"Hi Ben! A few", "\"Hello Ben! A few");
        putYaml("repair_once", wrong);

        Api.Response run = run("repair_once", "");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.text("status")).isEqualTo("failed");
        JsonNode first = run.json().path("turns").get(0);
        assertThat(first.path("diff").asString()).startsWith("bot[0]: ").contains("Hello Ben!", "Hi Ben!");
        assertThat(first.path("expected").path("user").asString()).isEqualTo("hello");
        assertThat(first.path("actual").path("bot").get(0).asString())
                .isEqualTo("Hi Ben! A few quick questions, one at a time.");
        assertThat(run.json().path("turns").get(1).path("diff").isNull()).isTrue();
    }

    @Test
    void should_run_the_draft_by_default_and_a_published_version_when_asked_for_it() {
        String flow = BundledGoldens.read(BundledGoldens.FLOW);
        saveFlow(flow);
        assertThat(api.post(flowPath() + "/publish", "").status()).isEqualTo(200);
        saveFlow(flow.replace("A few quick questions, one at a time.", "Let's get started."));
        putYaml("repair_once", golden(REPAIR_ONCE));

        Api.Response draft = run("repair_once", "");
        Api.Response published = run("repair_once", "?version=1");
        Api.Response explicitDraft = run("repair_once", "?version=2");

        assertThat(draft.text("status")).as(draft.body()).isEqualTo("failed");
        assertThat(draft.json().path("flow").path("version").asInt()).isEqualTo(2);
        assertThat(draft.json().path("turns").get(0).path("diff").asString()).contains("bot[0]");
        assertThat(published.text("status")).as(published.body()).isEqualTo("passed");
        assertThat(published.json().path("flow").path("version").asInt()).isEqualTo(1);
        assertThat(explicitDraft.text("status")).isEqualTo("failed");
    }

    @Test
    void should_run_the_published_version_when_the_flow_has_no_draft() {
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW).replace("one at a time.", "one by one."));
        api.post(flowPath() + "/publish", "");
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW));
        api.post(flowPath() + "/publish", "");
        putYaml("repair_once", golden(REPAIR_ONCE));

        Api.Response run = run("repair_once", "");

        assertThat(run.text("status")).as(run.body()).isEqualTo("passed");
        assertThat(run.json().path("flow").path("version").asInt()).isEqualTo(2);
    }

    @Test
    void should_answer_404_for_an_unknown_version_or_flow_and_400_for_a_bad_version() {
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW));
        putYaml("repair_once", golden(REPAIR_ONCE));
        putYaml("other_flow", golden(REPAIR_ONCE).replace("flow: tattoo_booking", "flow: no_such_flow"));

        Api.Response version = run("repair_once", "?version=9");
        Api.Response flow = run("other_flow", "");
        Api.Response bad = run("repair_once", "?version=first");

        assertThat(version.status()).isEqualTo(404);
        assertThat(version.text("code")).isEqualTo("flow_version_not_found");
        assertThat(flow.status()).isEqualTo(404);
        assertThat(flow.text("code")).isEqualTo("flow_not_found");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("code")).isEqualTo("validation_failed");
    }

    @Test
    void should_replace_with_200_and_read_back_as_yaml_as_sent_or_as_json() {
        String yaml = golden(REPAIR_ONCE);
        assertThat(putYaml("repair_once", yaml).status()).isEqualTo(201);
        Api.Response replaced = calls.putAt(
                tests() + "/repair_once",
                "text/yaml",
                yaml.replace("  - user: fine line\n", "  - user: Fine line\n").getBytes(StandardCharsets.UTF_8));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().path("turns").asInt()).isEqualTo(5);
        Api.Response asYaml = api.get(tests() + "/repair_once");
        assertThat(asYaml.status()).isEqualTo(200);
        assertThat(asYaml.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(asYaml.body()).startsWith("# Seed 001, golden 2").contains("user: Fine line");
        JsonNode asJson =
                calls.getAccepting(tests() + "/repair_once", "application/json").json();
        assertThat(asJson.toString()).as("keys in the order written").startsWith("{\"golden\":\"repair_once_flow\",");
        assertThat(asJson.path("flow").asString()).isEqualTo("tattoo_booking");
        assertThat(asJson.path("turns").get(4).path("user").asString()).isEqualTo("Fine line");
        JsonNode listed = api.get(tests()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asString()).isEqualTo("repair_once");
        assertThat(listed.get(0).path("flow").asString()).isEqualTo("tattoo_booking");
        assertThat(listed.get(0).path("turns").asInt()).isEqualTo(5);
    }

    @Test
    void should_store_the_same_structure_sent_as_json_and_run_it() {
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW));
        Api.Response saved = api.put(tests() + "/json_golden", """
                {"golden": "json_golden", "flow": "tattoo_booking", "contact": {"name": "Cy Lee"},
                 "turns": [{"user": "hi", "bot": ["Hi Cy! A few quick questions, one at a time.",
                                                   "Size? Width x height in cm, e.g. 10x15cm."],
                            "expect": {"step": "dimensions"}}]}""");

        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(run("json_golden", "").text("status")).isEqualTo("passed");
    }

    @Test
    void should_delete_a_test_and_answer_404_for_an_unknown_name() {
        putYaml("repair_once", golden(REPAIR_ONCE));

        assertThat(api.delete(tests() + "/repair_once").status()).isEqualTo(204);

        for (Api.Response unknown : List.of(
                api.get(tests() + "/repair_once"),
                run("repair_once", ""),
                api.delete(tests() + "/repair_once"),
                api.get(tests() + "/Not-A-Name"))) {
            assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
            assertThat(unknown.text("code")).isEqualTo("flow_test_not_found");
        }
        assertThat(api.get(tests()).json()).isEmpty();
    }

    @Test
    void should_refuse_a_golden_that_is_not_valid_with_400_naming_the_field() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("flow: tattoo_booking\nturns: [{user: hi, bot: [\"x\"]\n", "");
        cases.put("flow: tattoo_booking\n", "turns");
        cases.put("flow: tattoo_booking\nturns: [{bot: [hi]}]\n", "turns[0]");
        cases.put("flow: tattoo_booking\nturns: [{user: hi, bot: hello}]\n", "turns[0].bot");
        cases.put("flow: tattoo_booking\ncolour: red\nturns: [{user: hi}]\n", "colour");
        cases.put("turns: [{user: hi}]\n", "flow");
        cases.put("flow: tattoo_booking\nturns: [{wait: forever}]\n", "turns[0].wait");
        cases.put("flow: tattoo_booking\nturns: [{wait: 400d}]\n", "turns[0].wait");
        cases.put("flow: tattoo_booking\nflow: other\nturns: [{user: hi}]\n", "");
        cases.put("flow: tattoo_booking\nturns: [{user: \"a\\0b\"}]\n", "");
        cases.forEach((yaml, field) -> {
            Api.Response refused = putYaml("bad", yaml);
            assertThat(refused.status()).as(yaml + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.text("code")).as(yaml).isEqualTo("golden_invalid");
            assertThat(refused.text("field")).as(yaml).isEqualTo(field);
        });
        Api.Response notUtf8 = calls.putAt(
                tests() + "/bad", "application/yaml", new byte[] {'f', 'l', (byte) 0xC3, 0x28, (byte) 0xFF});
        assertThat(notUtf8.text("code")).isEqualTo("golden_invalid");
        assertThat(api.get(tests()).json()).isEmpty();
    }

    @Test
    void should_refuse_a_bad_name_with_400_and_a_golden_over_256_kb_with_413() {
        Api.Response name = putYaml("Repair-Once", golden(REPAIR_ONCE));
        String big = golden(REPAIR_ONCE) + "# " + "x".repeat(256 * 1024) + "\n";
        Api.Response large = putYaml("large", big);

        assertThat(name.status()).isEqualTo(400);
        assertThat(name.text("code")).isEqualTo("validation_failed");
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.text("code")).isEqualTo("payload_too_large");
    }

    @Test
    void should_answer_404_for_another_organizations_chatbot_and_let_an_agent_read_but_not_write_or_run() {
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW));
        putYaml("repair_once", golden(REPAIR_ONCE));
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        String otherKey = api.post(
                        "/api/v1/organizations/" + otherOrg + "/api-keys", "{\"name\": \"a\", \"role\": \"admin\"}")
                .text("key");
        Api other = api.withToken(otherKey);
        String agentKey = api.post(
                        "/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"a\", \"role\": \"agent\"}")
                .text("key");
        Api agent = api.withToken(agentKey);

        assertThat(other.get(tests()).status()).isEqualTo(404);
        assertThat(other.get(tests() + "/repair_once").status()).isEqualTo(404);
        assertThat(other.post(tests() + "/repair_once/runs", "").status()).isEqualTo(404);
        assertThat(other.delete(tests() + "/repair_once").status()).isEqualTo(404);
        assertThat(new FlowCalls(api, otherKey)
                        .putAt(
                                tests() + "/mine",
                                "application/yaml",
                                golden(REPAIR_ONCE).getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(404);
        assertThat(agent.get(tests() + "/repair_once").status()).isEqualTo(200);
        assertThat(agent.post(tests() + "/repair_once/runs", "").status()).isEqualTo(403);
        assertThat(agent.delete(tests() + "/repair_once").status()).isEqualTo(403);
        assertThat(api.get(tests()).json()).hasSize(1);
    }

    @Test
    void should_not_create_conversations_contacts_messages_outbox_rows_payments_or_events_when_run() {
        saveFlow(BundledGoldens.read(BundledGoldens.FLOW));
        putYaml("happy_path", golden(HAPPY_PATH));
        Map<String, Long> before = rows();

        Api.Response run = run("happy_path", "");

        assertThat(run.text("status")).as(run.body()).isEqualTo("passed");
        assertThat(run.body()).contains("Deposit received");
        assertThat(rows()).isEqualTo(before);
    }

    private Map<String, Long> rows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table :
                List.of("conversations", "contacts", "messages", "outbound_messages", "payments", "system_events")) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from " + table + " where organization_id = :org")
                            .param("org", UUID.fromString(org))
                            .query(Long.class)
                            .single());
        }
        return counts;
    }

    private void saveFlow(String yaml) {
        Api.Response saved = calls.putYaml(bot, "tattoo_booking", yaml);
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    }

    private Api.Response putYaml(String name, String yaml) {
        return calls.putAt(tests() + "/" + name, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private Api.Response run(String name, String query) {
        return api.post(tests() + "/" + name + "/runs" + query, "");
    }

    private String tests() {
        return "/api/v1/chatbots/" + bot + "/flow-tests";
    }

    private String flowPath() {
        return FlowCalls.path(bot, "tattoo_booking");
    }

    private static String golden(String file) {
        return BundledGoldens.read(BundledGoldens.GOLDENS.resolve(file));
    }

    /** {@code 02_repair_once_flow.yaml} → {@code repair_once_flow}. */
    private static String name(Path file) {
        return file.getFileName().toString().replaceFirst("^\\d+_", "").replace(".yaml", "");
    }

    private static int turnCount(String yaml) {
        return io.parley.flows.golden.GoldenReader.read(yaml).turns().size();
    }
}
