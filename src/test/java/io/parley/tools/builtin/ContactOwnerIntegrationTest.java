package io.parley.tools.builtin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.tenancy.Organizations;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** contact_owner through Slack (a WireMock incoming webhook), disabled, and email without an SMTP server. */
class ContactOwnerIntegrationTest extends IntegrationTestSupport {
    @Autowired
    Tools tools;

    @Autowired
    Organizations organizations;

    String waId;
    BuiltinSession session;
    String slackPath;

    @BeforeEach
    void aConversationOnABotWithContactOwner() {
        waId = BuiltinSession.newWaId();
        session = BuiltinSession.whatsApp(api, jdbc, tools, BuiltinSession.botWithBuiltins(api, tools), waId);
        slackPath = "/slack/services/T000/B000/" + UUID.randomUUID();
    }

    @Test
    void should_post_the_message_to_slack_without_secrets_when_the_organization_notifies_by_slack() {
        Fakes.wiremock().stubFor(post(urlEqualTo(slackPath)).willReturn(ok("ok")));
        organizations.updateNotifications(session.organizationId(), "slack", null, Fakes.baseUrl() + slackPath);

        JsonNode result = session.succeed("contact_owner", """
                {"message": "Ana wants 20,000 messages a month <!channel> & a call today", "urgency": "high",
                 "contact_info": {"email": "ana@acme.test", "company_name": "Acme"}}""");

        assertThat(result.path("notified").asBoolean()).isTrue();
        assertThat(result.path("method").asString()).isEqualTo("slack");
        List<LoggedRequest> requests = Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(slackPath)));
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().getHeader("Content-Type")).startsWith("application/json");
        String body = requests.getFirst().getBodyAsString();
        JsonNode slack = Api.json().readTree(body);
        assertThat(slack.path("text").asString()).contains("🚨", "High urgency", "Support");
        assertThat(slack.path("blocks").get(0).path("type").asString()).isEqualTo("header");
        assertThat(body)
                .contains(
                        "Ana wants 20,000 messages a month &lt;!channel&gt; &amp; a call today",
                        "*Chatbot:*\\nSupport",
                        "*Urgency:*\\nhigh",
                        "*Email:* ana@acme.test",
                        "*Company Name:* Acme",
                        "*Name:* Ana",
                        "*WhatsApp:* +" + waId,
                        session.context().conversationId().toString());
        assertThat(body)
                .doesNotContain(
                        "<!channel>",
                        slackPath,
                        session.bot().accessToken(),
                        session.bot().appSecret(),
                        ParleyTestContext.MASTER_KEY);
    }

    /** The profile name is whatever the sender typed into WhatsApp: on Slack it must not mention or link. */
    @Test
    void should_escape_the_senders_profile_name_when_it_reaches_slack() {
        Fakes.wiremock().stubFor(post(urlEqualTo(slackPath)).willReturn(ok("ok")));
        BuiltinSession hostile = BuiltinSession.whatsApp(
                api,
                jdbc,
                tools,
                session.bot(),
                BuiltinSession.newWaId(),
                "<!channel> Ana <http://evil.test|Click me> & co");
        organizations.updateNotifications(hostile.organizationId(), "slack", null, Fakes.baseUrl() + slackPath);

        hostile.succeed("contact_owner", "{\"message\": \"Wants a call\"}");

        String body = Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo(slackPath)))
                .getFirst()
                .getBodyAsString();
        assertThat(body)
                .contains("*Name:* &lt;!channel&gt; Ana &lt;http://evil.test|Click me&gt; &amp; co")
                .doesNotContain("<!channel>", "<http://evil.test");
    }

    @Test
    void should_fail_with_a_clear_error_when_slack_answers_500() {
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(slackPath))
                        .willReturn(aResponse().withStatus(500).withBody("no_service")));
        organizations.updateNotifications(session.organizationId(), "slack", null, Fakes.baseUrl() + slackPath);

        ToolOutcome outcome = session.call("contact_owner", "{\"message\": \"Urgent complaint\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        // Only the status: the webhook URL is the tenant's to choose, so the answer's text could be anyone's.
        assertThat(outcome.error()).isEqualTo("contact_owner failed: Slack answered 500; the owner was not notified.");
        assertThat(Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(slackPath))))
                .hasSize(1);
    }

    @Test
    void should_answer_not_notified_without_calling_slack_when_notifications_are_disabled() {
        Fakes.wiremock().stubFor(post(urlEqualTo(slackPath)).willReturn(ok("ok")));
        organizations.updateNotifications(session.organizationId(), "slack", null, Fakes.baseUrl() + slackPath);
        organizations.updateNotifications(session.organizationId(), "disabled", null, null);

        JsonNode result = session.succeed("contact_owner", "{\"message\": \"Big lead\", \"urgency\": \"low\"}");

        assertThat(result.path("notified").asBoolean()).isFalse();
        assertThat(result.path("notified").isBoolean()).isTrue();
        assertThat(result.path("reason").asString())
                .isEqualTo("Owner notifications are disabled for this organization");
        assertThat(Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(slackPath))))
                .isEmpty();
    }

    @Test
    void should_fail_saying_email_is_not_configured_when_the_server_has_no_smtp_host() {
        organizations.updateNotifications(session.organizationId(), "email", "owner@acme.test", null);

        ToolOutcome outcome = session.call("contact_owner", "{\"message\": \"Big lead\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error()).contains("Email is not configured on this Parley server");
    }

    @Test
    void should_fail_with_a_validation_message_when_the_message_is_missing_or_the_urgency_unknown() {
        ToolOutcome noMessage = session.call("contact_owner", "{\"urgency\": \"high\"}");
        ToolOutcome badUrgency = session.call("contact_owner", "{\"message\": \"Hi\", \"urgency\": \"critical\"}");

        assertThat(noMessage.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(noMessage.error())
                .startsWith("Invalid arguments for contact_owner")
                .contains("message");
        assertThat(badUrgency.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(badUrgency.error()).startsWith("Invalid arguments for contact_owner");
    }
}
