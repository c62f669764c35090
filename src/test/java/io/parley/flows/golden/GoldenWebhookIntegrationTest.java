package io.parley.flows.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.flows.FlowCalls;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bundled goldens whose inputs are texts, buttons and list picks, through the real path: each input a signed
 * WhatsApp webhook, the turn job run by moving the settable clock, the flow engine inside it, the bot's messages read
 * from what the Graph fake received, and the state from {@code flow_states}. Each golden on a fresh tenant.
 */
// Its own context: the goldens move the clock by days, which would leave the shared frozen clock far ahead of the
// wall-clock timestamps other tests put in their webhooks (their 24-hour windows would be closed on arrival).
@org.springframework.test.context.TestPropertySource(properties = "parley.flows.timer-interval=1m")
class GoldenWebhookIntegrationTest extends TimeTestSupport {
    @TestFactory
    Stream<DynamicTest> goldens_pass_through_the_signed_webhook_and_the_turn_job() {
        return BundledGoldens.goldens().stream()
                .map(path -> dynamicTest(path.getFileName().toString(), () -> run(path)));
    }

    private void run(Path path) {
        Golden golden = GoldenReader.read(BundledGoldens.read(path));
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        GoldenFixture fixture = GoldenFixture.tattooStudio(api, jdbc, bot, golden);
        Api.Response template =
                api.post("/api/v1/chatbots/" + bot.chatbotId() + "/templates", """
                {"channelId": "%s", "name": "booking_reminder", "language": "en", "category": "UTILITY",
                 "body": "Hi {{1}}, shall we go on with your booking?"}""".formatted(bot.channelId()));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN)
                .putYaml(bot.chatbotId(), "tattoo_booking", BundledGoldens.read(BundledGoldens.FLOW));
        assertThat(api.post(FlowCalls.path(bot.chatbotId(), "tattoo_booking") + "/publish", "")
                        .status())
                .isEqualTo(200);
        Api.Response engine = api.patch(
                "/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\", \"flowKey\": \"tattoo_booking\"}");
        assertThat(engine.status()).as(engine.body()).isEqualTo(200);

        String waId = golden.contactAddress() + (System.nanoTime() % 1000);
        for (int i = 0; i < golden.turns().size(); i++) {
            Golden.Turn turn = golden.turns().get(i);
            int before = GraphFake.messageSends(bot.phoneNumberId()).size();
            switch (turn.kind()) {
                case "user" -> send(bot, waId, golden.contactName(), turn.input());
                case "wait" ->
                    time.advance(io.parley.flows.definition.Durations.parse(String.valueOf(turn.input()))
                            .orElseThrow());
                case "agent" -> {
                    Api.Response sent = api.post(
                            "/api/v1/conversations/"
                                    + WhatsAppChat.start(api, bot, waId).conversationId() + "/messages",
                            Api.json().writeValueAsString(Map.of("text", String.valueOf(turn.input()))));
                    assertThat(sent.status()).as(sent.body()).isIn(200, 201, 202);
                }
                case "stripe" ->
                    fixture.stripe(
                            turn.input(), WhatsAppChat.start(api, bot, waId).conversationId(), time.now());
                default -> throw new IllegalArgumentException("not through the webhook yet: " + turn.kind());
            }
            time.advance(DEBOUNCE);
            // a contact gets 3 messages at once, then one per 6 s (delivery pacing): let every reply go out
            for (int paced = 0; paced < 3; paced++) {
                time.advance(Duration.ofSeconds(7));
            }
            List<Object> messages = new ArrayList<>();
            GraphFake.messageSends(bot.phoneNumberId()).stream()
                    .skip(before)
                    .map(request -> Api.json().readTree(request.getBodyAsString()))
                    .filter(body -> waId.equals(body.path("to").asString()))
                    .filter(body -> !turn.kind().equals("agent")) // the person's own message is not the bot's
                    .forEach(body -> messages.add(message(body)));
            String conversation = WhatsAppChat.start(api, bot, waId).conversationId();
            List<String> diffs = GoldenCheck.diff(turn, observed(conversation, messages, fixture));
            assertThat(diffs)
                    .as(path.getFileName() + " turn " + i + " (" + turn.input() + ")")
                    .isEmpty();
        }
    }

    private void send(Tenants.WhatsAppBot bot, String waId, String name, Object input) {
        String wamid = WhatsAppPayloads.newWamid();
        String body;
        if (input instanceof Map<?, ?> map && (map.get("button") != null || map.get("list") != null)) {
            boolean button = map.get("button") != null;
            ObjectNode root = (ObjectNode) Api.json()
                    .readTree(WhatsAppPayloads.fixtureFor(
                            button ? "interactive-button-reply" : "interactive-list-reply", bot.phoneNumberId()));
            ObjectNode value = (ObjectNode)
                    root.path("entry").get(0).path("changes").get(0).path("value");
            ((ObjectNode) value.path("contacts").get(0)).put("wa_id", waId);
            ObjectNode message = (ObjectNode) value.path("messages").get(0);
            message.put("from", waId).put("id", wamid);
            message.remove("context");
            String kind = button ? "button_reply" : "list_reply";
            String id = String.valueOf(button ? map.get("button") : map.get("list"));
            ((ObjectNode) message.path("interactive").path(kind)).put("id", id).put("title", id);
            body = root.toString();
        } else if (input instanceof Map<?, ?> map && map.get("image") != null) {
            ObjectNode root =
                    (ObjectNode) Api.json().readTree(WhatsAppPayloads.fixtureFor("image", bot.phoneNumberId()));
            ObjectNode value = (ObjectNode)
                    root.path("entry").get(0).path("changes").get(0).path("value");
            ((ObjectNode) value.path("contacts").get(0)).put("wa_id", waId);
            ObjectNode message = (ObjectNode) value.path("messages").get(0);
            message.put("from", waId).put("id", wamid);
            message.remove("context");
            ObjectNode image = (ObjectNode) message.path("image");
            image.put(
                    "id", "golden-" + Math.abs(String.valueOf(map.get("image")).hashCode()));
            if (map.get("caption") == null) {
                image.remove("caption");
            } else {
                image.put("caption", String.valueOf(map.get("caption")));
            }
            body = root.toString();
        } else {
            body = WhatsAppPayloads.textWithProfile(bot.phoneNumberId(), waId, name, wamid, String.valueOf(input));
        }
        // written now on Parley's clock (which the goldens move by hours), not the machine's
        body = WhatsAppPayloads.stampedAt(body, time.now());
        Api.Response ack = Webhooks.post(api, body, bot.appSecret());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    }

    private static Object message(JsonNode body) {
        String type = body.path("type").asString();
        if ("template".equals(type)) {
            return Map.of("template", body.path("template").path("name").asString(), "params", List.of());
        }
        if (!"interactive".equals(type)) {
            // the goldens' fixture serves Parley at https://parley.test; this one runs on a local port
            return body.path("text")
                    .path("body")
                    .asString()
                    .replaceAll("http://localhost:\\d+/a/", "https://parley.test/a/");
        }
        JsonNode interactive = body.path("interactive");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", interactive.path("body").path("text").asString());
        if ("button".equals(interactive.path("type").asString())) {
            List<String> titles = new ArrayList<>();
            interactive
                    .path("action")
                    .path("buttons")
                    .forEach(b -> titles.add(b.path("reply").path("title").asString()));
            message.put("buttons", titles);
        } else {
            List<String> titles = new ArrayList<>();
            interactive
                    .path("action")
                    .path("sections")
                    .forEach(s -> s.path("rows")
                            .forEach(r -> titles.add(r.path("title").asString())));
            message.put("list", titles);
        }
        return message;
    }

    private GoldenCheck.Observed observed(String conversation, List<Object> messages, GoldenFixture fixture) {
        Map<String, Object> row = jdbc.sql("""
                        select s.step_id, s.attempts, s.run, s.answers::text as answers, l.status as lead, c.owner,
                            c.id as conversation_id
                        from flow_states s join conversations c on c.id = s.conversation_id
                        left join flow_leads l on l.conversation_id = s.conversation_id
                        where s.conversation_id = :id""")
                .param("id", java.util.UUID.fromString(conversation))
                .query()
                .singleRow();
        List<String> events = jdbc.sql("select type from system_events where conversation_id = :c order by id")
                .param("c", row.get("conversation_id"))
                .query(String.class)
                .list();
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = Api.json().readValue(String.valueOf(row.get("answers")), Map.class);
        return new GoldenCheck.Observed(
                messages,
                (String) row.get("step_id"),
                ((Number) row.get("attempts")).intValue(),
                (String) row.get("lead"),
                (String) row.get("owner"),
                ((Number) row.get("run")).intValue(),
                answers,
                events,
                fixture.stripeObserved());
    }
}
