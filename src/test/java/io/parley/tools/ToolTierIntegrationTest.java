package io.parley.tools;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.contacts.ContactIdentity;
import io.parley.contacts.Contacts;
import io.parley.contacts.IdentityTrust;
import io.parley.llm.ToolCall;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A chatbot may reserve a tool for contacts of a minimum tier; below it the model reads a refusal, not an error. */
class ToolTierIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Tools tools;

    @Autowired
    Contacts contacts;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void should_refuse_a_tool_to_a_contact_below_its_minimum_tier_and_run_it_for_one_at_or_above() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String path = "/api/v1/chatbots/" + bot.chatbotId() + "/tools";
        Api.Response selected = api.put(path, """
                {"builtins": ["get_lead"], "sources": [], "minTiers": {"get_lead": "verified"}}""");
        assertThat(selected.status()).as(selected.body()).isEqualTo(200);
        assertThat(selected.json().path("minTiers").path("get_lead").asString()).isEqualTo("verified");
        assertThat(api.put(path, "{\"builtins\": [\"get_lead\"], \"sources\": []}")
                        .json()
                        .path("minTiers")
                        .path("get_lead")
                        .asString())
                .as("absent keeps them")
                .isEqualTo("verified");
        OrganizationId org = new OrganizationId(UUID.fromString(bot.organizationId()));
        ChatbotId chatbot = new ChatbotId(UUID.fromString(bot.chatbotId()));
        ContactId guest =
                contact(org, chatbot, new ContactIdentity("device", "dev-" + UUID.randomUUID()), IdentityTrust.CLAIMED);
        ContactId verified = contact(
                org,
                chatbot,
                ContactIdentity.phone("+1555" + (1_000_000 + (int) (Math.random() * 8_000_000))),
                IdentityTrust.VERIFIED);

        ToolOutcome refused =
                tools.execute(new ToolContext(org, chatbot, null, guest, 1), new ToolCall("c1", "get_lead", "{}"));
        ToolOutcome ran =
                tools.execute(new ToolContext(org, chatbot, null, verified, 1), new ToolCall("c2", "get_lead", "{}"));

        assertThat(refused.status()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(refused.forModel())
                .contains("\"refused\":true")
                .contains("\"requiredTier\":\"verified\"")
                .contains("\"contactTier\":\"guest\"");
        assertThat(ran.forModel()).doesNotContain("refused");
    }

    @Test
    void should_refuse_an_unknown_tier() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        assertInvalidField(
                api.put(
                        "/api/v1/chatbots/" + bot.chatbotId() + "/tools",
                        "{\"builtins\": [], \"sources\": [], \"minTiers\": {\"get_lead\": \"gold\"}}"),
                "minTiers");
    }

    private ContactId contact(OrganizationId org, ChatbotId chatbot, ContactIdentity identity, IdentityTrust trust) {
        return new TransactionTemplate(transactionManager)
                .execute(status -> contacts.resolve(org, chatbot, List.of(identity), trust, null, time.now())
                        .id());
    }
}
