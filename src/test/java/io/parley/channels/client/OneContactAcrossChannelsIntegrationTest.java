package io.parley.channels.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The identity story end to end, through the routes customers use: a person who wrote on WhatsApp and then
 * reaches the same business through its backend (an {@code api} channel) is one contact with one history; the same
 * phone in another organization is another person; an unsigned browser claiming that phone does not become them.
 */
class OneContactAcrossChannelsIntegrationTest extends IntegrationTestSupport {
    private static final String ORIGIN = "https://shop.example";

    @Test
    void should_be_one_contact_when_a_whatsapp_customer_then_the_business_backend_names_the_same_phone() {
        LlmFake llm = LlmFake.create().replies("Hello again.");
        String bot = ClientBots.chatbot(api, llm);
        String waId = "1555" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        String whatsAppContact = whatsAppCustomerWrites(bot, waId);

        ClientBots.Channel backend = ClientBots.connect(api, bot, llm, "{\"type\": \"api\", \"name\": \"Backend\"}");
        Api.Response answer = backend.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message("order-1", "Where is my order?", "{\"phone\": \"+" + waId + "\"}"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.text("contactId")).isEqualTo(whatsAppContact);
        JsonNode contact = api.get("/api/v1/organizations/" + backend.organizationId() + "/contacts/" + whatsAppContact)
                .json();
        assertThat(contact.path("tier").asString()).isEqualTo("verified");
        assertThat(contact.path("identities").toString())
                .contains("\"kind\":\"phone\"")
                .contains("\"value\":\"+" + waId + "\"");
        assertThat(contact.path("conversations"))
                .as("one contact, its WhatsApp and its backend conversation")
                .hasSize(2);
    }

    @Test
    void should_be_another_contact_when_the_same_phone_writes_to_another_organization() {
        String waId = "1555" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        LlmFake llm = LlmFake.create().replies("Hi.");
        String bot = ClientBots.chatbot(api, llm);
        String whatsAppContact = whatsAppCustomerWrites(bot, waId);

        ClientBots.Channel otherOrganization = ClientBots.api(api, "Hi.", null);
        Api.Response answer = otherOrganization
                .client(api)
                .post("/client/v1/messages", ClientBots.message("r-1", "Hello", "{\"phone\": \"+" + waId + "\"}"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.text("contactId")).isNotEqualTo(whatsAppContact);
        assertThat(api.get("/api/v1/organizations/" + otherOrganization.organizationId() + "/contacts/"
                                + whatsAppContact)
                        .status())
                .as("the first organization's contact is not visible here")
                .isEqualTo(404);
    }

    @Test
    void should_not_become_the_verified_whatsapp_contact_when_a_browser_claims_its_phone_unsigned() {
        LlmFake llm = LlmFake.create().replies("Hi.");
        String bot = ClientBots.chatbot(api, llm);
        String waId = "1555" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        String whatsAppContact = whatsAppCustomerWrites(bot, waId);
        ClientBots.Channel web = ClientBots.connect(api, bot, llm, """
                {"type": "web", "name": "Website", "allowedOrigins": ["%s"]}""".formatted(ORIGIN));

        Api.Response answer = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message(
                                "w-1",
                                "Show my orders",
                                "{\"deviceId\": \"d-" + UUID.randomUUID() + "\", \"phone\": \"+" + waId + "\"}"),
                        "Origin",
                        ORIGIN);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.text("contactId")).isNotEqualTo(whatsAppContact);
        JsonNode verified = api.get("/api/v1/organizations/" + web.organizationId() + "/contacts/" + whatsAppContact)
                .json();
        assertThat(verified.path("conversations"))
                .as("the visitor's conversation is not the customer's")
                .hasSize(1);
        assertThat(verified.path("identities"))
                .as("nothing the browser claimed was attached")
                .hasSize(1);
    }

    /** A WhatsApp number on {@code bot} and one message from {@code waId}; the contact's id, once it is stored. */
    private String whatsAppCustomerWrites(String bot, String waId) {
        String phoneNumberId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        String appSecret = "secret-" + UUID.randomUUID();
        GraphFake.acceptSends(phoneNumberId);
        Api.Response channel = api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "EAAtest%s", "appSecret": "%s",
                 "verifyToken": "v-%s"}""".formatted(
                        phoneNumberId, UUID.randomUUID().toString().replace("-", ""), appSecret, UUID.randomUUID()));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.text(phoneNumberId, waId, "wamid." + UUID.randomUUID(), "Hi, it's me"),
                appSecret);
        assertThat(ack.status()).isEqualTo(200);
        String[] contact = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode conversations =
                    api.get("/api/v1/chatbots/" + bot + "/conversations").json();
            JsonNode items = conversations.isArray() ? conversations : conversations.path("items");
            assertThat(items).isNotEmpty();
            contact[0] = items.get(0).path("contact").path("id").asString();
            assertThat(contact[0]).isNotBlank();
        });
        return contact[0];
    }
}
