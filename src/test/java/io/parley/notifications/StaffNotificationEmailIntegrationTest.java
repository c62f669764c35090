package io.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.SmtpIntegrationTestSupport;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Staff notifications by email on GreenMail. The property source is {@code ContactOwnerEmailIntegrationTest}'s, so
 * both run on one SMTP context rather than a new one.
 */
@TestPropertySource(properties = {"parley.notifications.from=notifications@parley.test"})
class StaffNotificationEmailIntegrationTest extends SmtpIntegrationTestSupport {
    @Autowired
    SystemEvents events;

    StaffOrganization org;

    @BeforeEach
    void anOrganization() {
        org = StaffOrganization.create(api);
    }

    @Test
    void should_email_the_test_notification_and_report_its_delivery_time() throws Exception {
        var owner = org.user("owner");

        Api.Response accepted = api.withToken(owner.token())
                .post(org.path("/messaging/test"), "{\"staffUserId\": \"" + owner.id() + "\", \"channel\": \"email\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        time.runDue();

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(owner.email());
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("notifications@parley.test");
        assertThat(mail.getSubject()).endsWith(": test notification");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getContentType()).startsWith("multipart/");
        assertThat(text((MimeMultipart) mail.getContent())).contains("Hello Staff owner", "<p>Hello <span>Staff owner");
        Api.Response status = api.get(org.path("/messaging/test/" + accepted.text("deliveryId")));
        assertThat(status.text("status")).as(status.body()).isEqualTo("sent");
        assertThat(status.text("channel")).isEqualTo("email");
        assertThat(status.json().path("deliveryTimeMs").isIntegralNumber())
                .as(status.body())
                .isTrue();
        assertThat(status.json().path("deliveryTimeMs").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void should_email_admins_and_agents_when_a_conversation_waits_for_a_person() throws Exception {
        var admin = org.user("admin");
        var agent = org.user("agent");

        events.record(SystemEvent.of(SystemEvent.Level.INFO, "conversation.waiting")
                .organization(new OrganizationId(UUID.fromString(org.id)))
                .build());
        time.runDue();

        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(Arrays.stream(smtp.getReceivedMessages())
                        .map(m -> address(m))
                        .toList())
                .containsExactlyInAnyOrder(admin.email(), agent.email());
        assertThat(smtp.getReceivedMessages()[0].getSubject()).endsWith(": a customer is waiting");
    }

    @Test
    void should_retry_an_unreachable_smtp_server_then_end_dead_and_send_on_replay() throws Exception {
        var admin = org.user("admin");
        smtp.stop();

        Api.Response accepted = api.post(
                org.path("/messaging/test"), "{\"staffUserId\": \"" + admin.id() + "\", \"channel\": \"email\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String status = org.path("/messaging/test/" + accepted.text("deliveryId"));
        for (int i = 0; i < 5; i++) {
            time.advance(Duration.ofSeconds(6));
        }

        Api.Response dead = api.get(status);
        assertThat(dead.text("status")).as(dead.body()).isEqualTo("dead");
        assertThat(dead.json().path("attempts").asInt()).isEqualTo(4);
        assertThat(dead.text("error")).isEqualTo("smtp_unreachable");
        assertThat(jdbc.sql("select count(*) from system_events where organization_id = :org"
                                + " and type = 'notification.delivery_dead'")
                        .param("org", UUID.fromString(org.id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        smtp.start();
        Api.Response replay =
                api.post(org.path("/staff-notifications/" + accepted.text("deliveryId") + "/replay"), "{}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        time.runDue();
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(api.get(status).text("status")).isEqualTo("sent");
    }

    private static String address(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMultipart multipart) throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            all.append(content instanceof MimeMultipart nested ? text(nested) : String.valueOf(content));
        }
        return all.toString();
    }
}
