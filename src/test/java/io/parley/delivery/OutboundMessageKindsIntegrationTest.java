package io.parley.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every outbound kind an agent can send reaches Graph as Meta's JSON, and the transcript shows it as text. */
class OutboundMessageKindsIntegrationTest extends IntegrationTestSupport {

    private record Chat(Tenants.WhatsAppBot bot, WhatsAppChat chat, String inboundWamid) {
        String path() {
            return "/api/v1/conversations/" + chat.conversationId() + "/messages";
        }

        /** The one Graph send of this type, parsed, once it arrived. */
        JsonNode awaitSend(String type) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            GraphFake.sendsOfType(bot.phoneNumberId(), type).size() == 1);
            return Api.json()
                    .readTree(GraphFake.sendsOfType(bot.phoneNumberId(), type)
                            .getFirst()
                            .getBodyAsString());
        }

        /** The id of the contact's first message (as GET messages lists it). */
        String inboundMessageId() {
            for (JsonNode message : chat.messages()) {
                if (message.path("role").asString().equals("user")) {
                    return message.path("id").asString();
                }
            }
            throw new AssertionError("no inbound message");
        }
    }

    private Chat chat() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        String wamid = chat.says("Hi");
        chat.conversationId();
        return new Chat(bot, chat, wamid);
    }

    private Api.Response send(Chat chat, String json, String... headers) {
        return api.post(chat.path(), json, headers);
    }

    @Test
    void should_send_media_by_link_and_location_as_graph_json_and_show_a_text_rendering_in_the_transcript() {
        Chat chat = chat();

        Api.Response image = send(chat, """
                {"media": {"kind": "image", "link": "https://cdn.example.com/menu.png", "caption": "Today's menu"}}""");
        Api.Response location = send(chat, """
                {"location": {"latitude": 38.7223, "longitude": -9.1393, "name": "Shop", "address": "Rua Augusta 1"}}""");

        assertThat(image.status()).as(image.body()).isEqualTo(202);
        assertThat(location.status()).as(location.body()).isEqualTo(202);
        JsonNode sentImage = chat.awaitSend("image");
        assertThat(sentImage.path("image").path("link").asString()).isEqualTo("https://cdn.example.com/menu.png");
        assertThat(sentImage.path("image").path("caption").asString()).isEqualTo("Today's menu");
        assertThat(sentImage.path("to").asString()).isEqualTo(chat.chat().waId());
        assertThat(sentImage.path("biz_opaque_callback_data").asString()).isNotBlank();
        JsonNode sentLocation = chat.awaitSend("location").path("location");
        assertThat(sentLocation.path("latitude").asDouble()).isEqualTo(38.7223);
        assertThat(sentLocation.path("longitude").asDouble()).isEqualTo(-9.1393);
        assertThat(sentLocation.path("address").asString()).isEqualTo("Rua Augusta 1");
        JsonNode transcript = message(chat, image.json().path("id").asString());
        assertThat(transcript.path("type").asString()).isEqualTo("image");
        assertThat(transcript.path("content").asString()).isEqualTo("[image] Today's menu");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> message(chat, image.json().path("id").asString())
                        .path("delivery")
                        .path("status")
                        .asString()
                        .equals("sent"));
    }

    @Test
    void should_send_buttons_list_and_cta_url_as_interactive_messages() {
        Chat chat = chat();

        Api.Response buttons = send(chat, """
                {"interactive": {"type": "button", "body": "Confirm the booking?", "footer": "Parley",
                  "buttons": [{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}]}}""");
        assertThat(buttons.status()).as(buttons.body()).isEqualTo(202);
        JsonNode sentButtons = chat.awaitSend("interactive").path("interactive");
        assertThat(sentButtons.path("type").asString()).isEqualTo("button");
        assertThat(sentButtons.path("body").path("text").asString()).isEqualTo("Confirm the booking?");
        assertThat(sentButtons.path("footer").path("text").asString()).isEqualTo("Parley");
        JsonNode action = sentButtons.path("action").path("buttons");
        assertThat(action).hasSize(2);
        assertThat(action.get(1).path("type").asString()).isEqualTo("reply");
        assertThat(action.get(1).path("reply").path("id").asString()).isEqualTo("no");
        assertThat(action.get(1).path("reply").path("title").asString()).isEqualTo("No");
        assertThat(message(chat, buttons.json().path("id").asString())
                        .path("content")
                        .asString())
                .isEqualTo("Confirm the booking?\n[buttons: Yes | No]\nParley");

        send(chat, """
                {"interactive": {"type": "list", "body": "Pick a time", "button": "Times",
                  "sections": [{"title": "Morning", "rows": [{"id": "9", "title": "09:00", "description": "Early"}]},
                               {"title": "Afternoon", "rows": [{"id": "15", "title": "15:00"}]}]}}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> interactives(chat).size() == 2);
        JsonNode list = interactives(chat).get(1).path("interactive");
        assertThat(list.path("type").asString()).isEqualTo("list");
        assertThat(list.path("action").path("button").asString()).isEqualTo("Times");
        assertThat(list.path("action")
                        .path("sections")
                        .get(0)
                        .path("rows")
                        .get(0)
                        .path("description")
                        .asString())
                .isEqualTo("Early");
        assertThat(list.path("action").path("sections").get(1).path("title").asString())
                .isEqualTo("Afternoon");

        send(chat, """
                {"interactive": {"type": "cta_url", "body": "Track your order",
                  "url": "https://shop.example.com/o/42", "displayText": "Track"}}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> interactives(chat).size() == 3);
        JsonNode cta = interactives(chat).get(2).path("interactive");
        assertThat(cta.path("type").asString()).isEqualTo("cta_url");
        assertThat(cta.path("action").path("name").asString()).isEqualTo("cta_url");
        assertThat(cta.path("action").path("parameters").path("url").asString())
                .isEqualTo("https://shop.example.com/o/42");
        assertThat(cta.path("action").path("parameters").path("display_text").asString())
                .isEqualTo("Track");
    }

    @Test
    void should_carry_the_wamid_of_the_message_replied_to_and_reacted_to() {
        Chat chat = chat();
        String inbound = chat.inboundMessageId();

        Api.Response reply = send(chat, "{\"text\": \"About that: yes.\", \"replyTo\": \"" + inbound + "\"}");
        Api.Response reaction = send(chat, """
                {"reaction": {"messageId": "%s", "emoji": "👍"}}""".formatted(inbound));
        Api.Response template = send(chat, """
                {"template": {"name": "order_update", "language": "pt_BR", "parameters": ["Ana", "42"]},
                 "replyTo": "%s"}""".formatted(chat.inboundWamid()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(chat.bot().phoneNumberId()).stream()
                        .anyMatch(r -> r.getBodyAsString().contains("About that")));
        JsonNode sentReply = Api.json()
                .readTree(GraphFake.sends(chat.bot().phoneNumberId()).stream()
                        .filter(r -> r.getBodyAsString().contains("About that"))
                        .findFirst()
                        .orElseThrow()
                        .getBodyAsString());
        assertThat(sentReply.path("context").path("message_id").asString()).isEqualTo(chat.inboundWamid());
        assertThat(reaction.status()).as(reaction.body()).isEqualTo(202);
        JsonNode sentReaction = chat.awaitSend("reaction").path("reaction");
        assertThat(sentReaction.path("message_id").asString()).isEqualTo(chat.inboundWamid());
        assertThat(sentReaction.path("emoji").asString()).isEqualTo("👍");
        assertThat(template.status()).as(template.body()).isEqualTo(202);
        JsonNode sentTemplate = chat.awaitSend("template");
        assertThat(sentTemplate.path("context").path("message_id").asString()).isEqualTo(chat.inboundWamid());
        assertThat(sentTemplate.path("template").path("name").asString()).isEqualTo("order_update");
        assertThat(sentTemplate.path("template").path("language").path("code").asString())
                .isEqualTo("pt_BR");
        JsonNode parameters =
                sentTemplate.path("template").path("components").get(0).path("parameters");
        assertThat(parameters.get(1).path("type").asString()).isEqualTo("text");
        assertThat(parameters.get(1).path("text").asString()).isEqualTo("42");
    }

    @Test
    void should_reject_invalid_content_with_the_field_and_send_nothing() {
        Chat chat = chat();
        long before = agentMessages(chat);

        assertInvalid(send(chat, """
                {"interactive": {"type": "button", "body": "Pick", "buttons": [{"id": "a", "title": "A"},
                  {"id": "b", "title": "B"}, {"id": "c", "title": "C"}, {"id": "d", "title": "D"}]}}"""), "interactive.buttons");
        assertInvalid(send(chat, """
                {"interactive": {"type": "button", "body": "Pick",
                  "buttons": [{"id": "a", "title": "%s"}]}}""".formatted("x".repeat(21))), "interactive.buttons[0].title");
        assertInvalid(send(chat, """
                {"interactive": {"type": "list", "body": "Pick", "button": "Menu", "sections": [
                  {"title": "One", "rows": [%s]}, {"title": "Two", "rows": [%s]}]}}""".formatted(rows(0, 6), rows(6, 5))), "interactive.sections");
        assertInvalid(send(chat, """
                {"interactive": {"type": "cta_url", "body": "Go", "url": "http://example.com", "displayText": "Go"}}"""), "interactive.url");
        assertInvalid(send(chat, "{\"location\": {\"latitude\": 91.5, \"longitude\": 10}}"), "location.latitude");
        assertInvalid(
                send(chat, "{\"media\": {\"kind\": \"image\", \"link\": \"http://example.com/a.png\"}}"), "media.link");
        assertInvalid(send(chat, "{\"media\": {\"kind\": \"sticker\", \"id\": \"123\"}}"), "media.kind");
        assertInvalid(
                send(chat, "{\"reaction\": {\"messageId\": \"wamid.X\", \"emoji\": \"👍👍\"}}"), "reaction.emoji");
        assertInvalid(
                send(chat, "{\"template\": {\"name\": \"Order Update\", \"language\": \"en\"}}"), "template.name");
        assertInvalid(send(chat, """
                {"template": {"name": "order_update", "language": "en", "parameters": ["Ana", 42]}}"""), "template.parameters[1]");
        Api.Response two = send(chat, "{\"text\": \"Hi\", \"location\": {\"latitude\": 1, \"longitude\": 1}}");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().path("detail").asString()).contains("exactly one of");

        assertThat(agentMessages(chat)).as("nothing stored").isEqualTo(before);
        assertThat(GraphFake.sendsOfType(chat.bot().phoneNumberId(), "interactive"))
                .isEmpty();
        assertThat(GraphFake.sendsOfType(chat.bot().phoneNumberId(), "location"))
                .isEmpty();
    }

    @Test
    void should_upload_media_to_graph_and_send_it_by_the_returned_id() {
        Chat chat = chat();
        GraphFake.acceptUploads(chat.bot().phoneNumberId(), "1357924680");
        String path = "/api/v1/chatbots/" + chat.bot().chatbotId() + "/media";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

        Api.Response uploaded = api.upload(path, "file", "menu.png", "image/png", png);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().path("id").asString()).isEqualTo("1357924680");
        assertThat(uploaded.json().path("kind").asString()).isEqualTo("image");
        List<LoggedRequest> uploads = GraphFake.uploads(chat.bot().phoneNumberId());
        assertThat(uploads).hasSize(1);
        assertThat(uploads.getFirst().getHeader("Authorization"))
                .isEqualTo("Bearer " + chat.bot().accessToken());
        assertThat(uploads.getFirst().getHeader("Content-Type")).startsWith("multipart/form-data");
        assertThat(uploads.getFirst().getPart("messaging_product").getBody().asString())
                .isEqualTo("whatsapp");
        assertThat(uploads.getFirst().getPart("type").getBody().asString()).isEqualTo("image/png");
        assertThat(uploads.getFirst().getPart("file").getBody().asBytes()).isEqualTo(png);

        Api.Response sent = send(chat, """
                {"media": {"kind": "image", "id": "1357924680", "caption": "Menu"}}""");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        JsonNode image = chat.awaitSend("image").path("image");
        assertThat(image.path("id").asString()).isEqualTo("1357924680");
        assertThat(image.has("link")).isFalse();

        Api.Response gif = api.upload(path, "file", "a.gif", "image/gif", png);
        assertThat(gif.status()).isEqualTo(415);
        assertThat(gif.json().path("code").asString()).isEqualTo("unsupported_media_type");
        assertThat(gif.json().path("detail").asString()).contains("image/gif");
        assertThat(gif.json().path("accepted").toString()).contains("image/jpeg", "application/pdf");
        Api.Response pdfAsImage = api.upload(path + "?kind=image", "file", "a.pdf", "application/pdf", png);
        assertThat(pdfAsImage.status()).isEqualTo(415);
        assertThat(pdfAsImage.json().path("accepted").toString())
                .contains("image/png")
                .doesNotContain("pdf");
        // Tests allow images of 1 MB under a 4 MB multipart ceiling: the kind's own limit answers, naming itself.
        Api.Response tooLarge = api.upload(path, "file", "big.png", "image/png", new byte[(3 << 19) + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("code").asString()).isEqualTo("content_too_large");
        assertThat(tooLarge.json().path("detail").asString()).isEqualTo("A WhatsApp image can have at most 1 MB");
        assertThat(tooLarge.json().path("max").asLong()).isEqualTo(1 << 20);
        assertThat(tooLarge.json().path("kind").asString()).isEqualTo("image");
        Api.Response pastCeiling = api.upload(path, "file", "huge.png", "image/png", new byte[(4 << 20) + 1]);
        assertThat(pastCeiling.status()).isEqualTo(413);
        assertThat(pastCeiling.json().path("max").asLong())
                .as("the server-wide multipart limit")
                .isEqualTo(4 << 20);
        assertThat(GraphFake.uploads(chat.bot().phoneNumberId()))
                .as("rejected files never reach Meta")
                .hasSize(1);
    }

    @Test
    void should_answer_422_naming_the_cause_when_an_upload_cannot_reach_graph_or_graph_fails_or_refuses() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String path = "/api/v1/chatbots/" + bot.chatbotId() + "/media";
        String graphPath = "/graph/v22.0/" + bot.phoneNumberId() + "/media";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

        Fakes.wiremock()
                .stubFor(post(urlEqualTo(graphPath)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Api.Response unreachable = api.upload(path, "file", "menu.png", "image/png", png);
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(graphPath)).willReturn(GraphFake.error(500, 2, "Service unavailable")));
        Api.Response unavailable = api.upload(path, "file", "menu.png", "image/png", png);
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(graphPath)).willReturn(GraphFake.error(400, 100, "Invalid parameter")));
        Api.Response refused = api.upload(path, "file", "menu.png", "image/png", png);

        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(422);
        assertThat(unreachable.json().path("code").asString()).isEqualTo("media_upload_failed");
        assertThat(unreachable.json().path("reason").asString()).isEqualTo("graph_unreachable");
        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(422);
        assertThat(unavailable.json().path("code").asString()).isEqualTo("media_upload_rejected");
        assertThat(unavailable.json().path("reason").asString()).isEqualTo("graph_unavailable");
        assertThat(unavailable.json().path("graphStatus").asInt()).isEqualTo(500);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("reason").asString()).isEqualTo("graph_refused");
        assertThat(refused.json().path("graphCode").asInt()).isEqualTo(100);
    }

    @Test
    void should_send_a_structured_message_once_per_idempotency_key_and_refuse_the_key_for_another_body() {
        Chat chat = chat();
        String body = """
                {"interactive": {"type": "button", "body": "Rate us", "buttons": [{"id": "good", "title": "Good"}]}}""";

        Api.Response first = send(chat, body, "Idempotency-Key", "rate-1");
        Api.Response again = send(chat, body, "Idempotency-Key", "rate-1");
        Api.Response other = send(chat, body.replace("Good", "Great"), "Idempotency-Key", "rate-1");

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(again.json().path("id").asString())
                .isEqualTo(first.json().path("id").asString());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().path("code").asString()).isEqualTo("idempotency_key_reused");
        chat.awaitSend("interactive");
        time.advance(PAST_EVERY_RETRY);
        assertThat(interactives(chat)).hasSize(1);
    }

    @Test
    void should_show_web_chat_the_text_rendering_and_refuse_what_only_whatsapp_can_send() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Api.Response started = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"web-" + java.util.UUID.randomUUID() + "\", \"text\": \"Hi\"}");
        assertThat(started.status()).as(started.body()).isBetween(200, 202);
        String path = "/api/v1/conversations/" + started.text("conversationId") + "/messages";

        Api.Response buttons = api.post(path, """
                {"interactive": {"type": "button", "body": "Open now?",
                  "buttons": [{"id": "y", "title": "Yes"}, {"id": "n", "title": "No"}]}}""");
        Api.Response template = api.post(path, """
                {"template": {"name": "order_update", "language": "en"}}""");
        Api.Response uploaded = api.post(path, "{\"media\": {\"kind\": \"image\", \"id\": \"1234\"}}");

        assertThat(buttons.status()).as(buttons.body()).isEqualTo(202);
        String id = buttons.json().path("id").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode shown = null;
            for (JsonNode message : api.get(path).json()) {
                shown = id.equals(message.path("id").asString()) ? message : shown;
            }
            assertThat(shown).isNotNull();
            assertThat(shown.path("content").asString()).isEqualTo("Open now?\n[buttons: Yes | No]");
            assertThat(shown.path("details")
                            .path("outbound")
                            .path("interactive")
                            .path("buttons")
                            .get(0)
                            .path("id")
                            .asString())
                    .isEqualTo("y");
            assertThat(shown.path("delivery").path("status").asString()).isEqualTo("sent");
        });
        assertThat(template.status()).isEqualTo(400);
        assertThat(template.json().path("code").asString()).isEqualTo("unsupported_on_channel");
        assertThat(uploaded.status()).isEqualTo(400);
        assertThat(uploaded.json().path("code").asString()).isEqualTo("unsupported_on_channel");
    }

    private static long agentMessages(Chat chat) {
        long count = 0;
        for (JsonNode message : chat.chat().messages()) {
            count += message.path("role").asString().equals("agent") ? 1 : 0;
        }
        return count;
    }

    private static List<JsonNode> interactives(Chat chat) {
        return GraphFake.sendsOfType(chat.bot().phoneNumberId(), "interactive").stream()
                .map(r -> Api.json().readTree(r.getBodyAsString()))
                .toList();
    }

    private static JsonNode message(Chat chat, String id) {
        for (JsonNode message : chat.chat().messages()) {
            if (id.equals(message.path("id").asString())) {
                return message;
            }
        }
        throw new AssertionError("no message " + id);
    }

    private static String rows(int from, int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            rows.append(i == from ? "" : ", ")
                    .append("{\"id\": \"r")
                    .append(i)
                    .append("\", \"title\": \"Row ")
                    .append(i)
                    .append("\"}");
        }
        return rows.toString();
    }

    private static void assertInvalid(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(response.json().path("field").asString()).as(response.body()).isEqualTo(field);
    }
}
