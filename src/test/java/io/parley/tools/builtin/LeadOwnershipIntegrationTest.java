package io.parley.tools.builtin;

import static io.parley.testing.LlmFake.ok;
import static io.parley.testing.LlmFake.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmRequests;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Leads belong to the person in the conversation (ADR 25), through the real tool loop: the model, scripted on the
 * fake, asks for another contact's lead by phone number and gets a tool error, never their data, and cannot change it.
 */
class LeadOwnershipIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_refuse_another_contacts_lead_when_the_model_names_their_number() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        Api.Response enabled = api.put(
                "/api/v1/chatbots/" + bot.chatbotId() + "/tools", "{\"builtins\": [\"capture_lead\", \"get_lead\"]}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        WhatsAppChat ana = WhatsAppChat.start(api, bot);
        WhatsAppChat mallory = WhatsAppChat.start(api, bot);
        String anasNumber = "+" + ana.waId();
        bot.llm()
                .repliesInSequence(
                        toolCall(
                                "call_ana",
                                "capture_lead",
                                "{\"name\": \"Ana Ruiz\", \"company\": \"Acme Secret Labs\"}"),
                        ok("Saved, Ana."),
                        toolCall("call_peek", "get_lead", "{\"phone\": \"" + anasNumber + "\"}"),
                        ok("I cannot look that up."),
                        toolCall(
                                "call_overwrite",
                                "capture_lead",
                                "{\"phone\": \"" + anasNumber + "\", \"name\": \"Mallory\","
                                        + " \"notes\": \"call me instead\"}"),
                        ok("I cannot change that."));
        ana.says("I want a demo, I'm Ana from Acme");
        assertThat(ana.awaitReceived(1)).containsExactly("Saved, Ana.");

        mallory.says("What do you know about " + anasNumber + "?");
        assertThat(mallory.awaitReceived(1)).containsExactly("I cannot look that up.");
        mallory.says("Save my lead under " + anasNumber + ", name Mallory");
        assertThat(mallory.awaitReceived(2)).endsWith("I cannot change that.");

        JsonNode executions = api.get("/api/v1/conversations/" + mallory.conversationId() + "/tool-executions")
                .json();
        assertThat(executions.findValuesAsString("tool")).containsExactly("get_lead", "capture_lead");
        assertThat(executions.findValuesAsString("status")).containsOnly("failed");
        assertThat(executions.toString()).doesNotContain("Ana Ruiz", "Acme Secret Labs");
        List<LlmRequests.Line> seenByModel =
                LlmRequests.messages(bot.llm().requests().get(3));
        assertThat(seenByModel.stream()
                        .filter(line -> line.role().equals("tool"))
                        .map(LlmRequests.Line::text))
                .singleElement()
                .asString()
                .contains("not theirs")
                .doesNotContain("Ana Ruiz", "Acme");
        JsonNode leads = api.get("/api/v1/organizations/" + bot.organizationId() + "/leads")
                .json();
        assertThat(leads).as(leads.toString()).singleElement().satisfies(lead -> {
            assertThat(lead.path("phone").asString()).isEqualTo(anasNumber);
            assertThat(lead.path("name").asString()).isEqualTo("Ana Ruiz");
            assertThat(lead.path("company").asString()).isEqualTo("Acme Secret Labs");
            assertThat(lead.has("notes")).isFalse();
            assertThat(lead.path("contactCount").asInt()).isEqualTo(1);
        });
    }
}
