package io.parley.contacts;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The organization's contacts over the API (ADR 31): views, search, edits, merge, scoping and bad input. */
class ContactsApiIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"When are you open?\", \"answer\": \"Nine to five.\"}]";

    @Test
    void should_show_a_whatsapp_contact_with_its_identities_and_conversations_and_name_it_in_the_conversation_list() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String waId = newWaId();
        JsonNode conversation = whatsAppConversation(bot, waId);
        String contactId = conversation.path("contact").path("id").asString();
        assertThat(contactId).isNotBlank();

        JsonNode contact = api.get(contacts(bot) + "/" + contactId).json();

        assertThat(contact.path("id").asString()).isEqualTo(contactId);
        assertThat(contact.path("tier").asString()).isEqualTo("verified");
        assertThat(contact.path("identities").toString())
                .isEqualTo("[{\"kind\":\"phone\",\"value\":\"+" + waId + "\"}]");
        assertThat(contact.path("conversations")).hasSize(1);
        assertThat(contact.path("conversations").get(0).path("id").asString())
                .isEqualTo(conversation.path("id").asString());
        assertThat(contact.path("conversations").get(0).path("chatbotId").asString())
                .isEqualTo(bot.chatbotId());
        assertThat(contact.path("conversations").get(0).path("channel").asString())
                .isEqualTo("whatsapp");
        assertThat(contact.has("variables")).isTrue();
        assertThat(contact.has("tags")).isTrue();
        assertThat(contact.has("createdAt")).isTrue();
        assertThat(contact.has("lastSeenAt")).isTrue();
        assertThat(api.get(contacts(bot) + "?q=" + waId.substring(2)).json().findValuesAsString("id"))
                .containsExactly(contactId);
        assertThat(api.get(contacts(bot) + "?q=nobody-" + UUID.randomUUID()).json())
                .isEmpty();
    }

    @Test
    void should_page_through_contacts_by_id() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        whatsAppConversation(bot, newWaId());
        webchatConversation(bot, "visitor-" + UUID.randomUUID());

        List<String> first = api.get(contacts(bot) + "?limit=1").json().findValuesAsString("id");
        List<String> second = api.get(contacts(bot) + "?limit=1&after=" + first.getFirst())
                .json()
                .findValuesAsString("id");
        List<String> all = api.get(contacts(bot)).json().findValuesAsString("id");

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(all).containsExactly(first.getFirst(), second.getFirst());
    }

    @Test
    void should_edit_a_contacts_name_and_variables() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String contact = contacts(bot) + "/"
                + whatsAppConversation(bot, newWaId())
                        .path("contact")
                        .path("id")
                        .asString();

        Api.Response edited = api.patch(contact, "{\"name\": \" Ana Lima \", \"variables\": {\"plan\": \"pro\"}}");

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("name").asString()).isEqualTo("Ana Lima");
        assertThat(edited.json().path("variables").path("plan").asString()).isEqualTo("pro");
        assertThat(api.patch(contact, "{}").json().path("name").asString())
                .as("absent fields stay")
                .isEqualTo("Ana Lima");
        assertThat(api.patch(contact, "{\"name\": null}").json().has("name"))
                .as("null clears")
                .isFalse();
    }

    @Test
    void should_answer_400_naming_the_field_for_bad_input() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String contact = contacts(bot) + "/"
                + whatsAppConversation(bot, newWaId())
                        .path("contact")
                        .path("id")
                        .asString();

        assertInvalidField(api.patch(contact, "{\"name\": 42}"), "name");
        assertInvalidField(api.patch(contact, "{\"name\": \"" + "x".repeat(201) + "\"}"), "name");
        assertInvalidField(api.patch(contact, "{\"variables\": [1, 2]}"), "variables");
        assertInvalidField(api.patch(contact, "[]"), "body");
        assertInvalidField(api.post(contact + "/merge", "{}"), "otherContactId");
        assertInvalidField(api.post(contact + "/merge", "{\"otherContactId\": 7}"), "otherContactId");
        assertInvalidField(
                api.post(
                        contact + "/merge",
                        "{\"otherContactId\": \"" + contact.substring(contact.lastIndexOf('/') + 1) + "\"}"),
                "otherContactId");
        assertInvalidField(api.get(contacts(bot) + "?limit=0"), "limit");
        assertInvalidField(api.get(contacts(bot) + "?limit=201"), "limit");
        assertInvalidField(api.get(contacts(bot) + "?after=not-an-id"), "after");
    }

    @Test
    void should_answer_404_on_every_contacts_route_for_another_organizations_contact() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, FAQ);
        String mine =
                whatsAppConversation(bot, newWaId()).path("contact").path("id").asString();
        String theirs = whatsAppConversation(other, newWaId())
                .path("contact")
                .path("id")
                .asString();
        String foreign = contacts(bot) + "/" + theirs;

        assertProblem(api.get(foreign), 404, "contact_not_found");
        assertProblem(api.patch(foreign, "{\"name\": \"Mallory\"}"), 404, "contact_not_found");
        assertProblem(api.post(foreign + "/merge", "{\"otherContactId\": \"" + mine + "\"}"), 404, "contact_not_found");
        assertProblem(
                api.post(contacts(bot) + "/" + mine + "/merge", "{\"otherContactId\": \"" + theirs + "\"}"),
                404,
                "contact_not_found");
        assertProblem(
                api.put("/api/v1/chatbots/" + bot.chatbotId() + "/contacts/" + theirs + "/tags", "{\"tags\": [\"x\"]}"),
                404,
                "contact_not_found");
        assertProblem(api.get(contacts(bot) + "/not-a-uuid"), 404, "contact_not_found");
        assertThat(api.get(contacts(bot)).json().findValuesAsString("id")).containsExactly(mine);
        assertThat(api.get("/api/v1/organizations/" + other.organizationId() + "/contacts/" + theirs)
                        .json()
                        .path("name")
                        .isMissingNode())
                .as("untouched")
                .isTrue();
    }

    @Test
    void should_merge_a_web_visitor_into_a_whatsapp_contact_with_its_conversation_and_record_it() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String waId = newWaId();
        JsonNode whatsApp = whatsAppConversation(bot, waId);
        String session = "visitor-" + UUID.randomUUID();
        String webConversation = webchatConversation(bot, session);
        String contactId = whatsApp.path("contact").path("id").asString();
        String visitorId =
                conversation(bot, webConversation).path("contact").path("id").asString();
        assertThat(visitorId).isNotEqualTo(contactId);
        String visitor = contacts(bot) + "/" + visitorId;
        api.patch(visitor, "{\"variables\": {\"city\": \"Porto\"}}");

        Api.Response merged =
                api.post(contacts(bot) + "/" + contactId + "/merge", "{\"otherContactId\": \"" + visitorId + "\"}");

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().path("identities").findValuesAsString("kind"))
                .containsExactlyInAnyOrder("phone", "webchat");
        assertThat(merged.json().path("conversations").findValuesAsString("id"))
                .containsExactlyInAnyOrder(whatsApp.path("id").asString(), webConversation);
        assertThat(merged.json().path("variables").path("city").asString()).isEqualTo("Porto");
        assertThat(merged.json().path("tier").asString()).isEqualTo("verified");
        assertProblem(api.get(visitor), 404, "contact_not_found");
        assertThat(conversation(bot, webConversation).path("contact").path("id").asString())
                .isEqualTo(contactId);
        assertThat(jdbc.sql("select count(*) from sessions where contact_id = cast(:id as uuid)")
                        .param("id", contactId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("""
                        select count(*) from system_events where type = 'contacts.merged'
                        and payload->>'contactId' = :id and payload->>'mergedContactId' = :other""")
                        .param("id", contactId)
                        .param("other", visitorId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        String nextMessage = webchatConversation(bot, session);
        assertThat(nextMessage)
                .as("the visitor's next message finds the merged contact")
                .isEqualTo(webConversation);
    }

    @Test
    void should_refuse_to_merge_two_contacts_with_conversations_on_one_channel() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String first =
                whatsAppConversation(bot, newWaId()).path("contact").path("id").asString();
        String second =
                whatsAppConversation(bot, newWaId()).path("contact").path("id").asString();

        assertProblem(
                api.post(contacts(bot) + "/" + first + "/merge", "{\"otherContactId\": \"" + second + "\"}"),
                409,
                "contacts_share_channel");
        assertThat(api.get(contacts(bot) + "/" + second).status()).isEqualTo(200);
    }

    private JsonNode whatsAppConversation(Tenants.WhatsAppBot bot, String waId) {
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.text(bot.phoneNumberId(), waId, WhatsAppPayloads.newWamid(), "When are you open?"),
                bot.appSecret());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> conversations(bot).stream().anyMatch(c -> ("+" + waId).equals(phone(c))));
        return conversations(bot).stream()
                .filter(c -> ("+" + waId).equals(phone(c)))
                .findFirst()
                .orElseThrow();
    }

    private String webchatConversation(Tenants.WhatsAppBot bot, String session) {
        Api.Response sent = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"" + session + "\", \"clientMessageId\": \"" + UUID.randomUUID()
                        + "\", \"text\": \"Hello\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("conversationId");
    }

    private List<JsonNode> conversations(Tenants.WhatsAppBot bot) {
        Api.Response list = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/conversations");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().valueStream().toList();
    }

    private JsonNode conversation(Tenants.WhatsAppBot bot, String id) {
        return conversations(bot).stream()
                .filter(c -> c.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static String phone(JsonNode conversation) {
        for (JsonNode identity : conversation.path("contact").path("identities")) {
            if (identity.path("kind").asString().equals("phone")) {
                return identity.path("value").asString();
            }
        }
        return null;
    }

    private static String contacts(Tenants.WhatsAppBot bot) {
        return "/api/v1/organizations/" + bot.organizationId() + "/contacts";
    }

    private static String newWaId() {
        return "4917" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
    }
}
