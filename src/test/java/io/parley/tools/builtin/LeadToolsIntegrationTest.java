package io.parley.tools.builtin;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.tools.ToolExecution;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * capture_lead, get_lead and the leads API: one lead per contact (ADR 25), never another contact's or another
 * tenant's.
 */
class LeadToolsIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Tools tools;

    String waId;
    BuiltinSession session;

    @BeforeEach
    void aConversationOnABotWithTheLeadTools() {
        waId = BuiltinSession.newWaId();
        session = BuiltinSession.whatsApp(api, jdbc, tools, BuiltinSession.botWithBuiltins(api, tools), waId);
    }

    @Test
    void should_show_each_organization_only_its_own_lead_when_two_organizations_capture_the_same_phone() {
        BuiltinSession other =
                BuiltinSession.whatsApp(api, jdbc, tools, BuiltinSession.botWithBuiltins(api, tools), waId);

        session.succeed("capture_lead", "{\"name\": \"Ana Ruiz\", \"company\": \"Acme\"}");
        JsonNode capturedByOther = other.succeed("capture_lead", "{\"name\": \"Bruno Diaz\"}");

        assertThat(capturedByOther.path("action").asString()).isEqualTo("created");
        JsonNode own = session.succeed("get_lead", "{}");
        assertThat(own.path("found").asBoolean()).isTrue();
        assertThat(own.path("lead").path("name").asString()).isEqualTo("Ana Ruiz");
        assertThat(own.path("lead").path("company").asString()).isEqualTo("Acme");
        assertThat(own.path("lead").path("contact_count").asInt()).isEqualTo(1);
        JsonNode othersLead = other.succeed("get_lead", "{\"phone\": \"+" + waId + "\"}");
        assertThat(othersLead.path("lead").path("name").asString()).isEqualTo("Bruno Diaz");
        assertThat(othersLead.path("lead").has("company")).isFalse();
        assertThat(othersLead.path("lead").path("contact_count").asInt()).isEqualTo(1);

        JsonNode leadsOfA = leads(session.bot().organizationId());
        JsonNode leadsOfB = leads(other.bot().organizationId());
        assertThat(leadsOfA).hasSize(1);
        assertThat(leadsOfA.get(0).path("phone").asString()).isEqualTo("+" + waId);
        assertThat(leadsOfA.get(0).path("name").asString()).isEqualTo("Ana Ruiz");
        assertThat(leadsOfB).hasSize(1);
        assertThat(leadsOfB.get(0).path("name").asString()).isEqualTo("Bruno Diaz");
        assertThat(leadsOfB.toString()).doesNotContain("Ana Ruiz", "Acme");
    }

    @Test
    void should_merge_into_one_lead_and_count_two_captures_when_the_contact_captures_twice() {
        JsonNode first = session.succeed("capture_lead", "{\"name\": \"Ana\", \"email\": \"ana@acme.test\"}");
        JsonNode second = session.succeed("capture_lead", """
                {"name": "Ana Ruiz", "company": "Acme", "estimated_messages": 5000, "notes": "Wants a demo"}""");

        assertThat(first.path("action").asString()).isEqualTo("created");
        assertThat(second.path("action").asString()).isEqualTo("updated");
        assertThat(second.path("message").asString()).contains("2 times");
        JsonNode leads = leads(session.bot().organizationId());
        assertThat(leads).hasSize(1);
        JsonNode lead = leads.get(0);
        assertThat(lead.path("phone").asString()).isEqualTo("+" + waId);
        assertThat(lead.path("name").asString()).isEqualTo("Ana Ruiz");
        assertThat(lead.path("email").asString()).isEqualTo("ana@acme.test");
        assertThat(lead.path("company").asString()).isEqualTo("Acme");
        assertThat(lead.path("estimatedMessages").asInt()).isEqualTo(5000);
        assertThat(lead.path("notes").asString()).isEqualTo("Wants a demo");
        assertThat(lead.path("contactCount").asInt()).isEqualTo(2);
        assertThat(lead.path("id").asString()).isNotBlank();
        assertThat(Instant.parse(lead.path("updatedAt").asString()))
                .isAfter(Instant.parse(lead.path("createdAt").asString()));
    }

    @Test
    void should_store_one_spelling_of_the_phone_when_the_model_writes_it_with_separators() {
        BuiltinSession username = BuiltinSession.usernameUser(api, jdbc, tools, session.bot());

        JsonNode captured = username.succeed("capture_lead", "{\"phone\": \"+52 (55) 1234-5678\", \"name\": \"Luis\"}");

        assertThat(captured.path("lead").path("phone").asString()).isEqualTo("+525512345678");
        JsonNode found = username.succeed("get_lead", "{\"phone\": \"525512345678\"}");
        assertThat(found.path("lead").path("name").asString()).isEqualTo("Luis");
        assertThat(username.succeed("get_lead", "{}").path("lead").path("name").asString())
                .isEqualTo("Luis");
        assertThat(session.succeed(
                                "get_lead", "{\"phone\": \"" + waId.substring(0, 4) + " " + waId.substring(4) + "\"}")
                        .path("found")
                        .asBoolean())
                .as("a WhatsApp user's own number, spelled differently")
                .isFalse();
    }

    @Test
    void should_list_leads_newest_first_when_several_were_captured() {
        session.succeed("capture_lead", "{\"name\": \"First\"}");
        BuiltinSession.whatsApp(api, jdbc, tools, session.bot(), BuiltinSession.newWaId())
                .succeed("capture_lead", "{\"name\": \"Second\"}");

        assertThat(leads(session.bot().organizationId()).findValuesAsString("name"))
                .containsExactly("Second", "First");
    }

    @Test
    void should_refuse_a_number_that_is_not_the_whatsapp_users_own_and_change_nothing() {
        String someoneElse = "+" + BuiltinSession.newWaId();
        BuiltinSession other = BuiltinSession.whatsApp(api, jdbc, tools, session.bot(), someoneElse.substring(1));
        other.succeed("capture_lead", "{\"name\": \"Olga\", \"notes\": \"private\"}");

        ToolOutcome read = session.call("get_lead", "{\"phone\": \"" + someoneElse + "\"}");
        ToolOutcome write = session.call("capture_lead", "{\"phone\": \"" + someoneElse + "\", \"name\": \"Eve\"}");

        assertThat(read.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(write.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(read.error() + write.error()).contains("not theirs").doesNotContain("Olga", "private");
        assertThat(leads(session.bot().organizationId())).singleElement().satisfies(lead -> {
            assertThat(lead.path("name").asString()).isEqualTo("Olga");
            assertThat(lead.path("contactCount").asInt()).isEqualTo(1);
        });
    }

    @Test
    void should_give_a_visitor_without_a_number_a_lead_of_their_own_when_they_name_a_number_another_contact_has() {
        session.succeed("capture_lead", "{\"name\": \"Ana Ruiz\", \"company\": \"Acme\"}");
        BuiltinSession visitor = BuiltinSession.usernameUser(api, jdbc, tools, session.bot());

        ToolOutcome peek = visitor.call("get_lead", "{\"phone\": \"+" + waId + "\"}");
        JsonNode captured = visitor.succeed("capture_lead", "{\"phone\": \"+" + waId + "\", \"name\": \"Carl\"}");

        assertThat(peek.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(peek.error()).doesNotContain("Ana", "Acme");
        assertThat(captured.path("action").asString()).isEqualTo("created");
        assertThat(captured.toString()).doesNotContain("Ana", "Acme");
        assertThat(visitor.succeed("get_lead", "{}").path("lead").path("name").asString())
                .isEqualTo("Carl");
        assertThat(session.succeed("get_lead", "{}").path("lead").path("name").asString())
                .isEqualTo("Ana Ruiz");
        assertThat(leads(session.bot().organizationId()).findValuesAsString("name"))
                .containsExactlyInAnyOrder("Ana Ruiz", "Carl");
    }

    @Test
    void should_answer_not_found_when_the_phone_was_never_captured() {
        JsonNode result = session.succeed("get_lead", "{}");

        assertThat(result.path("found").asBoolean()).isFalse();
        assertThat(result.has("lead")).isFalse();
    }

    @Test
    void should_ask_for_a_phone_number_when_the_user_has_no_whatsapp_number() {
        BuiltinSession username = BuiltinSession.usernameUser(api, jdbc, tools, session.bot());

        ToolOutcome outcome = username.call("capture_lead", "{\"name\": \"Sheena\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error()).contains("Ask the user for a phone number");
        assertThat(leads(session.bot().organizationId())).isEmpty();
    }

    @Test
    void should_fail_with_a_validation_message_when_the_estimate_is_negative() {
        ToolOutcome outcome = session.call("capture_lead", "{\"estimated_messages\": -5}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error())
                .startsWith("Invalid arguments for capture_lead")
                .contains("minimum value of 0");
        assertThat(leads(session.bot().organizationId())).isEmpty();
    }

    @Test
    void should_fail_with_a_message_the_model_can_act_on_when_the_phone_is_not_a_phone_number() {
        ToolOutcome outcome = session.call("capture_lead", "{\"phone\": \"call me maybe\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error()).contains("is not a phone number", "Ask the user");
    }

    @Test
    void should_record_the_call_when_a_lead_is_captured() {
        session.succeed("capture_lead", "{\"name\": \"Ana\"}");

        assertThat(tools.executions(session.context().conversationId()))
                .extracting(ToolExecution::tool, ToolExecution::status)
                .containsExactly(tuple("capture_lead", ToolOutcome.Status.SUCCESS));
    }

    @Test
    void should_answer_404_when_listing_the_leads_of_an_unknown_organization() {
        assertProblem(api.get("/api/v1/organizations/" + UUID.randomUUID() + "/leads"), 404, "organization_not_found");
        assertProblem(api.get("/api/v1/organizations/not-a-uuid/leads"), 404, "organization_not_found");
    }

    private JsonNode leads(String organizationId) {
        Api.Response response = api.get("/api/v1/organizations/" + organizationId + "/leads");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
