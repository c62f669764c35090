package io.parley.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.parley.testing.IntegrationTestSupport;
import io.parley.tenancy.Organizations;
import io.parley.tools.ToolOutcome;
import io.parley.tools.Tools;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * contact_owner by email against a real SMTP server (GreenMail). The only test class with its own Spring context:
 * the mail sender is configured at startup, so the SMTP port must be known before the context starts. The port is
 * chosen once per JVM (free at that moment) rather than fixed, so parallel builds on one machine do not collide.
 */
@TestPropertySource(properties = {
        "spring.mail.host=127.0.0.1",
        "parley.notifications.from=notifications@parley.test"
})
class ContactOwnerEmailIntegrationTest extends IntegrationTestSupport {
    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

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
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("owner@acme.test");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("notifications@parley.test");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Ana wants the enterprise plan and a call today", "Urgency: high",
                "Support", "Email: ana@acme.test", "WhatsApp: +" + waId,
                session.context().conversationId().toString());
    }

    @Test
    void should_fail_with_a_short_error_when_the_smtp_server_is_down() {
        smtp.stop();

        ToolOutcome outcome = session.call("contact_owner", "{\"message\": \"Urgent complaint\"}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error()).startsWith("contact_owner failed: The email could not be sent")
                .endsWith("the owner was not notified.")
                .doesNotContain("owner@acme.test", "127.0.0.1");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
