package io.parley.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.access.ApiKeyId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Messages sent through the API by an organization key: counted once, per key, against the monthly limit. */
class ApiMessageUsageIntegrationTest extends IntegrationTestSupport {
    @Autowired
    UsageLedger ledger;

    @Autowired
    Limits limits;

    @Test
    void should_count_an_api_message_once_per_outbound_id_and_group_it_by_key_and_kind() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        OrganizationId org = new OrganizationId(UUID.fromString(bot.organizationId()));
        Api.Response key = api.post(
                "/api/v1/organizations/" + org.value() + "/api-keys", "{\"name\": \"crm\", \"role\": \"agent\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        ApiKeyId keyId = new ApiKeyId(UUID.fromString(key.text("id")));
        ChatbotId chatbot = new ChatbotId(UUID.fromString(bot.chatbotId()));
        OutboundMessageId outbound = new OutboundMessageId(UUID.randomUUID());

        assertThat(ledger.recordApiMessage(org, chatbot, null, null, keyId, outbound))
                .isTrue();
        assertThat(ledger.recordApiMessage(org, chatbot, null, null, keyId, outbound))
                .isFalse();
        assertThat(ledger.recordApiMessage(org, chatbot, null, null, keyId, new OutboundMessageId(UUID.randomUUID())))
                .isTrue();

        JsonNode usage = usage(org, "");
        assertThat(usage.path("messages").asLong()).isEqualTo(2);
        assertThat(usage.path("tokensIn").asLong()).isZero();
        assertThat(usage.path("unpriced").asLong()).isZero();
        JsonNode byKey = usage(org, "?groupBy=apiKey");
        assertThat(byKey.path("groups")).singleElement().satisfies(g -> {
            assertThat(g.path("key").asString()).isEqualTo(keyId.toString());
            assertThat(g.path("messages").asLong()).isEqualTo(2);
        });
        assertThat(usage(org, "?groupBy=kind").path("groups").get(0).path("key").asString())
                .isEqualTo("message");
        assertThat(api.get("/api/v1/organizations/" + org.value() + "/usage?groupBy=colour")
                        .status())
                .isEqualTo(400);

        api.patch("/api/v1/organizations/" + org.value() + "/limits", "{\"monthlyMessages\": 2}");
        assertThat(limits.check(org, null))
                .isInstanceOfSatisfying(
                        LimitDecision.Refused.class,
                        refused -> assertThat(refused.limit()).isEqualTo("monthlyMessages"));
    }

    @Test
    void should_attribute_a_message_sent_with_an_api_key_to_that_key_once_per_idempotency_key() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        OrganizationId org = new OrganizationId(UUID.fromString(bot.organizationId()));
        Api.Response chat = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor-usage\", \"text\": \"Hello\"}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(202);
        String messages = "/api/v1/conversations/" + chat.text("conversationId") + "/messages";
        Api.Response key = api.post(
                "/api/v1/organizations/" + org.value() + "/api-keys", "{\"name\": \"crm\", \"role\": \"agent\"}");
        Api crm = api.withToken(key.text("key"));

        Api.Response first = crm.post(messages, "{\"text\": \"Your order shipped\"}", "Idempotency-Key", "order-1");
        Api.Response again = crm.post(messages, "{\"text\": \"Your order shipped\"}", "Idempotency-Key", "order-1");
        Api.Response byOperator = api.post(messages, "{\"text\": \"A person writes\"}");

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(byOperator.status()).isEqualTo(202);
        JsonNode byKey = usage(org, "?groupBy=apiKey");
        assertThat(byKey.path("groups"))
                .filteredOn(g -> g.path("key").asString().equals(key.text("id")))
                .singleElement()
                .satisfies(g -> assertThat(g.path("messages").asLong()).isEqualTo(1));
        assertThat(usage(org, "?groupBy=kind").path("groups"))
                .filteredOn(g -> g.path("key").asString().equals("message"))
                .singleElement()
                .satisfies(g -> assertThat(g.path("messages").asLong()).isEqualTo(1));
    }

    private JsonNode usage(OrganizationId org, String query) {
        return api.get("/api/v1/organizations/" + org.value() + "/usage" + query)
                .json();
    }
}
