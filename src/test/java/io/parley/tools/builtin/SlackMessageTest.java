package io.parley.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    @Test
    void should_escape_slack_control_characters_when_text_comes_from_the_model() {
        Map<String, Object> body =
                SlackMessage.of(notification("<!here> see <https://evil.test|this> & more", Map.of()));

        String rendered = body.toString();
        assertThat(rendered).contains("&lt;!here&gt; see &lt;https://evil.test|this&gt; &amp; more");
        assertThat(rendered).doesNotContain("<!here>", "<https://evil.test");
    }

    @Test
    void should_say_no_contact_details_when_none_are_known() {
        assertThat(SlackMessage.of(notification("Hi", Map.of())).toString()).contains("No contact details provided");
    }

    @Test
    void should_list_contact_details_in_order_when_given() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Name", "Ana");
        info.put("Phone Number", "+5215512345678");

        assertThat(SlackMessage.of(notification("Hi", info)).toString())
                .contains("*Contact*\n*Name:* Ana\n*Phone Number:* +5215512345678");
    }

    @Test
    void should_keep_sections_within_slack_limits_when_the_message_is_long() {
        Map<String, Object> body = SlackMessage.of(notification("x".repeat(5000), Map.of()));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) body.get("blocks");
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) blocks.get(1).get("text");
        assertThat((String) section.get("text")).hasSize(3000).endsWith("…");
    }

    @Test
    void should_title_case_snake_and_camel_case_keys_when_labelling_contact_info() {
        assertThat(ContactOwnerTool.label("phone_number")).isEqualTo("Phone Number");
        assertThat(ContactOwnerTool.label("companyName")).isEqualTo("Company Name");
        assertThat(ContactOwnerTool.label("email")).isEqualTo("Email");
    }

    @Test
    void should_keep_the_email_subject_on_one_line_when_the_chatbot_name_has_line_breaks() {
        OwnerNotification notification = new OwnerNotification(
                "Acme", "Sup\r\nBcc: x@evil.test", OwnerNotification.Urgency.LOW, "Hi", Map.of(), null);

        assertThat(notification.subject()).isEqualTo("[Parley] low: message from Sup Bcc: x@evil.test");
    }

    private static OwnerNotification notification(String message, Map<String, String> contactInfo) {
        return new OwnerNotification(
                "Acme",
                "Support",
                OwnerNotification.Urgency.HIGH,
                message,
                contactInfo,
                "c0ffee00-0000-0000-0000-000000000000");
    }
}
