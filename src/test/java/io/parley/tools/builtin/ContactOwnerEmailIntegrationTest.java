package io.parley.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.parley.tenancy.Organizations;
import io.parley.testing.SmtpIntegrationTestSupport;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** contact_owner by email against a real SMTP server (GreenMail, see {@link SmtpIntegrationTestSupport}). */
@TestPropertySource(properties = {"parley.notifications.from=notifications@parley.test"})
class ContactOwnerEmailIntegrationTest extends SmtpIntegrationTestSupport {
    @Autowired
    Tools tools;

    @Autowired
    Organizations organizations;

    String waId;
    BuiltinSession session;

    @BeforeEach
    void aConversationOfAnOrganizationNotifiedByEmail() {
        waId = BuiltinSession.newWaId();
        session = BuiltinSession.whatsApp(api, jdbc, tools, BuiltinSession.botWithBuiltins(api, tools), waId);
        organizations.updateNotifications(session.organizationId(), "email", "owner@acme.test", null);
    }

    @Test
    void should_email_the_owner_when_the_organization_notifies_by_email() throws Exception {
        JsonNode result = session.succeed("contact_owner", """
                {"message": "Ana wants the enterprise plan and a call today", "urgency": "high",
                 "contact_info": {"email": "ana@acme.test"}}""");

        assertThat(result.path("notified").asBoolean()).isTrue();
        assertThat(result.path("method").asString()).isEqualTo("email");
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[Parley] high: message from Support");
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("owner@acme.test");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("notifications@parley.test");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body)
                .contains(
                        "Ana wants the enterprise plan and a call today",
                        "Urgency: high",
                        "Support",
                        "Email: ana@acme.test",
                        "WhatsApp: +" + waId,
                        session.context().conversationId().toString());
    }

    @Test
    void should_fail_with_a_short_error_when_the_smtp_server_is_down() {
        smtp.stop();

        ToolOutcome outcome = session.call("contact_owner", "{\"message\": \"Urgent complaint\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error())
                .startsWith("contact_owner failed: The email could not be sent")
                .endsWith("the owner was not notified.")
                .doesNotContain("owner@acme.test", "127.0.0.1");
    }
}
