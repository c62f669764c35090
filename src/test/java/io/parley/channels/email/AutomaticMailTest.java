package io.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which emails a machine wrote (spec §2.5), read from raw messages. */
class AutomaticMailTest {
    private static InboundMail read(String raw) throws Exception {
        return InboundMail.read(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String email(String extraHeaders) {
        return "From: Anna <anna@example.test>\nTo: bot@parley.test\nSubject: Hi\nMessage-ID: <a1@example.test>\n"
                + extraHeaders + "Content-Type: text/plain; charset=UTF-8\n\nHello\n";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Auto-Submitted: auto-replied\n",
                "Auto-Submitted: auto-generated\n",
                "Precedence: bulk\n",
                "Precedence: list\n",
                "Precedence: junk\n",
                "List-Id: <news.example.test>\n",
                "List-Unsubscribe: <mailto:unsubscribe@example.test>\n",
                "X-Autoreply: yes\n"
            })
    void should_recognise_automatic_mail(String header) throws Exception {
        assertThat(read(email(header)).verdict()).isInstanceOf(AutomaticMail.Automatic.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Auto-Submitted: no\n", "X-Auto-Response-Suppress: All\n", "Precedence: first-class\n"})
    void should_take_a_persons_mail_as_personal(String header) throws Exception {
        assertThat(read(email(header)).verdict()).isInstanceOf(AutomaticMail.Personal.class);
    }

    @Test
    void should_read_the_failed_recipient_of_a_delivery_status_report() throws Exception {
        InboundMail bounce = read("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
                To: bot@parley.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn1@mx.example.test>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message could not be delivered.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.test

                Final-Recipient: rfc822; Gone@Example.test
                Action: failed
                Status: 5.1.1
                --b1--
                """);

        assertThat(bounce.verdict()).isEqualTo(new AutomaticMail.Bounce("gone@example.test", "5.1.1"));
    }

    @Test
    void should_take_an_empty_return_path_as_a_bounce() throws Exception {
        assertThat(read(email("Return-Path: <>\n")).verdict()).isInstanceOf(AutomaticMail.Bounce.class);
    }
}
