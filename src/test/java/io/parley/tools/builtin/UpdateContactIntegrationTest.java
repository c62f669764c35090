package io.parley.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.testing.IntegrationTestSupport;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** update_contact: what the bot learns is stored on the contact and read back; bad arguments change nothing. */
class UpdateContactIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Tools tools;

    @Autowired
    Contacts contacts;

    BuiltinSession session;

    @BeforeEach
    void aConversationOnABotWithUpdateContact() {
        session = BuiltinSession.whatsApp(
                api, jdbc, tools, BuiltinSession.botWithBuiltins(api, tools), BuiltinSession.newWaId());
    }

    @Test
    void should_store_variables_and_tags_on_the_contact_when_the_model_updates_it() {
        JsonNode result = session.succeed("update_contact", """
                {"variables": {"city": "Monterrey", "employees": 12, "vip": true}, "tags": ["lead", "vip"]}""");

        Contact stored = contact();
        assertThat(stored.variables())
                .containsEntry("city", "Monterrey")
                .containsEntry("employees", 12)
                .containsEntry("vip", true);
        assertThat(stored.tags()).containsExactlyInAnyOrder("lead", "vip");
        assertThat(result.path("variables").path("city").asString()).isEqualTo("Monterrey");
        assertThat(result.path("variables").path("employees").asInt()).isEqualTo(12);
        assertThat(result.path("tags").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("lead", "vip");
    }

    @Test
    void should_remove_a_variable_and_keep_the_others_when_its_value_is_null() {
        session.succeed("update_contact", "{\"variables\": {\"city\": \"Monterrey\", \"plan\": \"basic\"}}");

        JsonNode result = session.succeed("update_contact", "{\"variables\": {\"city\": null}}");

        assertThat(contact().variables()).doesNotContainKey("city").containsEntry("plan", "basic");
        assertThat(result.path("variables").has("city")).isFalse();
        assertThat(result.path("variables").path("plan").asString()).isEqualTo("basic");
    }

    @Test
    void should_fail_with_a_validation_message_and_change_nothing_when_tags_is_not_an_array() {
        ToolOutcome outcome =
                session.call("update_contact", "{\"variables\": {\"city\": \"Lima\"}, \"tags\": \"vip\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error())
                .startsWith("Invalid arguments for update_contact")
                .contains("array");
        assertThat(contact().variables()).isEmpty();
        assertThat(contact().tags()).isEmpty();
    }

    @Test
    void should_fail_when_a_value_is_longer_than_500_characters_or_a_key_longer_than_64() {
        ToolOutcome longValue =
                session.call("update_contact", "{\"variables\": {\"bio\": \"" + "x".repeat(501) + "\"}}");
        ToolOutcome longKey = session.call("update_contact", "{\"variables\": {\"" + "k".repeat(65) + "\": \"v\"}}");
        ToolOutcome objectValue =
                session.call("update_contact", "{\"variables\": {\"address\": {\"city\": \"Lima\"}}}");

        assertThat(longValue.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(longValue.error()).startsWith("Invalid arguments for update_contact");
        assertThat(longKey.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(objectValue.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(contact().variables()).isEmpty();
    }

    @Test
    void should_fail_asking_for_variables_or_tags_when_neither_is_given() {
        ToolOutcome outcome = session.call("update_contact", "{}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error()).contains("Give variables, tags or both");
    }

    @Test
    void should_refuse_a_new_variable_when_the_contact_already_holds_50() {
        Map<String, Object> fifty = new LinkedHashMap<>();
        for (int i = 1; i <= 50; i++) {
            fifty.put("fact" + i, "value " + i);
        }
        assertThat(contacts.remember(session.organizationId(), session.context().contactId(), fifty, List.of()))
                .isTrue();

        ToolOutcome oneMore = session.call("update_contact", "{\"variables\": {\"fact51\": \"too many\"}}");
        ToolOutcome replaceOne =
                session.call("update_contact", "{\"variables\": {\"fact1\": null, \"fact51\": \"ok\"}}");

        assertThat(oneMore.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(oneMore.error()).contains("at most 50 variables");
        assertThat(replaceOne.status()).as(replaceOne.error()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(contact().variables()).hasSize(50).containsKey("fact51").doesNotContainKey("fact1");
    }

    private Contact contact() {
        return contacts.find(session.context().contactId()).orElseThrow();
    }
}
