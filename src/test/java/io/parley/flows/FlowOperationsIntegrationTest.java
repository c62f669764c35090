package io.parley.flows;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.flows.golden.BundledGoldens;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operations of a conversation's flow through the real path: the contact's messages through the signed WhatsApp
 * webhook and the turn job on the settable clock, {@code GET …/flow} showing the state, and the staff actions
 * ({@code POST …/flow/move}, {@code …/flow/restart}) queued and applied by the conversation's flow-events job.
 */
class FlowOperationsIntegrationTest extends TimeTestSupport {
    private static final String DIMENSIONS = "Size? Width x height in cm, e.g. 10x15cm.";
    private static final String BUDGET = "Budget? (e.g. 300 EUR)";
    private static final String IDEA = "Describe the idea and body placement.";

    @Test
    void should_show_the_step_answers_and_history_when_the_contact_answered_one_question() {
        Chat chat = tattooChat();
        chat.say("Hi");
        chat.say("10x15cm");

        Api.Response response = api.get(chat.flowPath());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode flow = response.json();
        assertThat(flow.path("conversationId").asString()).isEqualTo(chat.conversation());
        assertThat(flow.path("flow").path("key").asString()).isEqualTo("tattoo_booking");
        assertThat(flow.path("flow").path("version").asInt()).isEqualTo(1);
        assertThat(flow.path("run").asInt()).isEqualTo(1);
        assertThat(flow.path("step").asString()).isEqualTo("style");
        assertThat(flow.path("status").asString()).isEqualTo("active");
        assertThat(flow.path("attempts").asInt()).isZero();
        assertThat(flow.path("needsReask").asBoolean()).isFalse();
        assertThat(flow.path("answers").propertyNames()).containsExactly("dimensions");
        assertThat(flow.path("answers").path("dimensions").path("width").asInt())
                .isEqualTo(10);
        assertThat(flow.path("lead").asString()).isEqualTo("qualifying");
        assertThat(flow.path("seq").asLong()).isEqualTo(2);
        assertThat(flow.path("updatedAt").asString()).isNotBlank();
        assertThat(flow.has("resumeAt")).as("no handover cooldown: absent").isFalse();
        assertThat(flow.has("remindAt")).as("this flow has no reminder: absent").isFalse();
        JsonNode history = flow.path("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("run").asInt()).isEqualTo(1);
        assertThat(history.get(0).path("step").asString()).isEqualTo("dimensions");
        assertThat(history.get(0).path("key").asString()).isEqualTo("dimensions");
        assertThat(history.get(0).path("raw").asString()).isEqualTo("10x15cm");
        assertThat(history.get(0).path("needsReview").asBoolean()).isFalse();
        assertThat(history.get(0).path("value").path("height").asInt()).isEqualTo(15);
    }

    @Test
    void should_ask_the_step_staff_moved_the_conversation_to_and_take_the_next_answer_there() {
        Chat chat = tattooChat();
        chat.say("Hi");
        chat.say("10x15cm");

        Api.Response moved = api.post(chat.flowPath() + "/move", "{\"step\": \"budget\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(202);
        assertThat(moved.json().path("queued").asBoolean()).isTrue();
        paceOut();

        assertThat(chat.texts()).last().isEqualTo(BUDGET);
        JsonNode flow = api.get(chat.flowPath()).json();
        assertThat(flow.path("step").asString()).isEqualTo("budget");
        assertThat(flow.path("answers").propertyNames()).containsExactly("dimensions");
        assertThat(event(chat, "flow.moved_by_staff"))
                .contains("\"from\": \"style\"")
                .contains("\"to\": \"budget\"")
                .contains("\"by\": \"operator\"");

        chat.say("300 EUR");
        assertThat(chat.texts()).last().isEqualTo(IDEA);
        flow = api.get(chat.flowPath()).json();
        assertThat(flow.path("step").asString()).isEqualTo("idea");
        assertThat(flow.path("answers").propertyNames()).containsExactlyInAnyOrder("dimensions", "budget");
    }

    @Test
    void should_start_run_two_with_no_answers_when_staff_restart_the_flow() {
        Chat chat = tattooChat();
        chat.say("Hi");
        chat.say("10x15cm");

        Api.Response restarted = api.post(chat.flowPath() + "/restart", "");
        assertThat(restarted.status()).as(restarted.body()).isEqualTo(202);
        assertThat(restarted.json().path("queued").asBoolean()).isTrue();
        paceOut();

        JsonNode flow = api.get(chat.flowPath()).json();
        assertThat(flow.path("run").asInt()).isEqualTo(2);
        assertThat(flow.path("answers").isEmpty()).isTrue();
        assertThat(flow.path("step").asString()).isEqualTo("dimensions");
        assertThat(flow.path("history")).hasSize(1);
        assertThat(flow.path("history").get(0).path("run").asInt()).isEqualTo(1);
        List<String> texts = chat.texts();
        assertThat(texts.subList(texts.size() - 2, texts.size()))
                .containsExactly("Hi Ana! A few quick questions, one at a time.", DIMENSIONS);
        assertThat(event(chat, "flow.restarted_by_staff")).contains("\"run\": 2");
    }

    @Test
    void should_give_the_conversation_back_to_the_bot_when_staff_move_it_during_a_handover() {
        Chat chat = tattooChat();
        chat.say("Hi");
        chat.say("human");
        assertThat(owner(chat)).isEqualTo("human");
        JsonNode handedOver = api.get(chat.flowPath()).json();
        assertThat(handedOver.path("status").asString()).isEqualTo("handover");
        assertThat(handedOver.path("resumeAt").asString()).isNotBlank();

        assertThat(api.post(chat.flowPath() + "/move", "{\"step\": \"dimensions\"}")
                        .status())
                .isEqualTo(202);
        paceOut();

        assertThat(owner(chat)).isEqualTo("bot");
        assertThat(chat.texts()).last().isEqualTo(DIMENSIONS);
        JsonNode flow = api.get(chat.flowPath()).json();
        assertThat(flow.path("status").asString()).isEqualTo("active");
        assertThat(flow.has("resumeAt")).isFalse();
        chat.say("10x15cm");
        assertThat(api.get(chat.flowPath()).json().path("step").asString()).isEqualTo("style");
    }

    @Test
    void should_refuse_a_step_the_flow_does_not_have_and_queue_nothing() {
        Chat chat = tattooChat();
        chat.say("Hi");

        assertInvalidField(api.post(chat.flowPath() + "/move", "{\"step\": \"payment_plan\"}"), "step");
        assertInvalidField(api.post(chat.flowPath() + "/move", "{\"step\": \"END\"}"), "step");

        assertThat(jdbc.sql("select count(*) from flow_events where conversation_id = :c")
                        .param("c", UUID.fromString(chat.conversation()))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void should_refuse_a_move_without_a_step_with_400() {
        Chat chat = tattooChat();
        chat.say("Hi");
        String move = chat.flowPath() + "/move";

        assertInvalidField(api.post(move, "{}"), "step");
        assertInvalidField(api.post(move, "{\"step\": \"  \"}"), "step");
        assertInvalidField(api.post(move, "{\"step\": null}"), "step");
        assertProblem(api.post(move, "{\"step\": "), 400, "malformed_request");
        assertProblem(api.post(move, "{\"step\": [\"budget\"]}"), 400, "malformed_request");
        assertProblem(api.post(move, "[]"), 400, "malformed_request");
        assertThat(api.get(chat.flowPath()).json().path("step").asString()).isEqualTo("dimensions");
    }

    @Test
    void should_answer_404_for_another_organizations_conversation_like_an_unknown_one() {
        Chat chat = tattooChat();
        chat.say("Hi");
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        Api other = api.withToken(
                api.post("/api/v1/organizations/" + otherOrg + "/api-keys", "{\"name\": \"b\", \"role\": \"admin\"}")
                        .text("key"));
        String unknown = "/api/v1/conversations/" + UUID.randomUUID() + "/flow";

        String code = assertProblem(other.get(unknown), 404, "conversation_not_found")
                .path("code")
                .asString();
        assertProblem(other.get(chat.flowPath()), 404, code);
        assertProblem(other.post(chat.flowPath() + "/move", "{\"step\": \"budget\"}"), 404, code);
        assertProblem(other.post(chat.flowPath() + "/restart", ""), 404, code);
        assertThat(api.get(chat.flowPath()).json().path("step").asString()).isEqualTo("dimensions");
    }

    @Test
    void should_answer_404_flow_state_not_found_for_a_conversation_on_the_agent() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        String path = "/api/v1/conversations/" + chat.conversationId() + "/flow";

        assertProblem(api.get(path), 404, "flow_state_not_found");
        assertProblem(api.post(path + "/move", "{\"step\": \"budget\"}"), 404, "flow_state_not_found");
        assertProblem(api.post(path + "/restart", ""), 404, "flow_state_not_found");
    }

    @Test
    void should_let_an_agent_read_the_flow_and_move_it_like_a_handover() {
        Chat chat = tattooChat();
        chat.say("Hi");
        String agentKey = api.post(
                        "/api/v1/organizations/" + chat.bot().organizationId() + "/api-keys",
                        "{\"name\": \"desk\", \"role\": \"agent\"}")
                .text("key");
        Api agent = api.withToken(agentKey);

        assertThat(agent.get(chat.flowPath()).status()).isEqualTo(200);
        assertThat(agent.post(chat.flowPath() + "/move", "{\"step\": \"budget\"}")
                        .status())
                .isEqualTo(202);
        paceOut();

        assertThat(chat.texts()).last().isEqualTo(BUDGET);
        assertThat(event(chat, "flow.moved_by_staff")).contains("\"by\": \"api_key:");
        assertThat(api.withToken(null).get(chat.flowPath()).status()).isEqualTo(401);
    }

    /** A contact on the bundled tattoo flow (published, without the reminder, which needs a template). */
    private Chat tattooChat() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        FlowCalls flows = new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN);
        Api.Response saved = flows.putYaml(
                bot.chatbotId(),
                "tattoo_booking",
                BundledGoldens.read(BundledGoldens.FLOW)
                        .replace("  reminder: {after: 26h, template: booking_reminder, max: 1}\n", ""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(api.post(FlowCalls.path(bot.chatbotId(), "tattoo_booking") + "/publish", "")
                        .status())
                .isEqualTo(200);
        Api.Response engine = api.patch(
                "/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\", \"flowKey\": \"tattoo_booking\"}");
        assertThat(engine.status()).as(engine.body()).isEqualTo(200);
        return new Chat(bot, "3461" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    private final class Chat {
        private final Tenants.WhatsAppBot bot;
        private final String waId;
        private String conversation;

        Chat(Tenants.WhatsAppBot bot, String waId) {
            this.bot = bot;
            this.waId = waId;
        }

        Tenants.WhatsAppBot bot() {
            return bot;
        }

        void say(String text) {
            Api.Response ack = Webhooks.post(
                    api,
                    WhatsAppPayloads.stampedAt(
                            WhatsAppPayloads.textWithProfile(
                                    bot.phoneNumberId(), waId, "Ana Ruiz", WhatsAppPayloads.newWamid(), text),
                            time.now()),
                    bot.appSecret());
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            time.advance(DEBOUNCE);
            paceOut();
        }

        String conversation() {
            if (conversation == null) {
                conversation = WhatsAppChat.start(api, bot, waId).conversationId();
            }
            return conversation;
        }

        String flowPath() {
            return "/api/v1/conversations/" + conversation() + "/flow";
        }

        /** What the contact received, text or the body of an interactive message, oldest first. */
        List<String> texts() {
            return GraphFake.messageSends(bot.phoneNumberId()).stream()
                    .map(request -> Api.json().readTree(request.getBodyAsString()))
                    .filter(body -> waId.equals(body.path("to").asString()))
                    .map(body -> body.path("type").asString().equals("interactive")
                            ? body.path("interactive").path("body").path("text").asString()
                            : body.path("text").path("body").asString())
                    .toList();
        }
    }

    /** Lets the flow-events job run and paced sends go out (3 at once, then one per 6 s). */
    private void paceOut() {
        for (int i = 0; i < 3; i++) {
            time.advance(Duration.ofSeconds(7));
        }
    }

    private String owner(Chat chat) {
        return jdbc.sql("select owner from conversations where id = :id")
                .param("id", UUID.fromString(chat.conversation()))
                .query(String.class)
                .single();
    }

    /** The payload of the conversation's only event of {@code type}, as PostgreSQL prints jsonb. */
    private String event(Chat chat, String type) {
        return jdbc.sql("select payload::text from system_events where conversation_id = :c and type = :type")
                .param("c", UUID.fromString(chat.conversation()))
                .param("type", type)
                .query(String.class)
                .single();
    }
}
