package io.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.delivery.SendOutcome;
import io.parley.platform.channel.FailureClass;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * SMTP failures as send outcomes (spec §2.6), with Angus's own exceptions as Spring wraps them: GreenMail cannot
 * answer arbitrary reply codes, so the codes are checked here.
 */
class SmtpOutcomesTest {
    private final EmailChannel channel = new EmailChannel();

    @ParameterizedTest
    @ValueSource(ints = {421, 450, 451, 452})
    void should_retry_later_when_a_recipient_is_refused_for_now(int code) throws Exception {
        SendOutcome outcome = SmtpOutcomes.of(wrapped(new SMTPAddressFailedException(
                new InternetAddress("a@example.test"), "RCPT TO", code, code + " 4.2.0 try later")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.RetryLater.class, retry -> {
            assertThat(retry.code()).isEqualTo("smtp_" + code);
            assertThat(channel.classify(retry.code())).isEqualTo(FailureClass.RETRY);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {550, 551, 552, 553, 554})
    void should_reject_for_good_when_a_recipient_is_refused_permanently(int code) throws Exception {
        SendOutcome outcome = SmtpOutcomes.of(wrapped(new SMTPAddressFailedException(
                new InternetAddress("a@example.test"), "RCPT TO", code, code + " 5.1.1 no such user")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo("smtp_" + code);
            assertThat(rejected.alert()).isFalse();
            assertThat(channel.classify(rejected.code())).isEqualTo(FailureClass.PERMANENT);
        });
    }

    @Test
    void should_retry_a_421_after_data() {
        SendOutcome outcome = SmtpOutcomes.of(wrapped(new SMTPSendFailedException(
                "DATA", 421, "421 4.3.0 closing", null, new Address[0], new Address[0], new Address[0])));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.RetryLater.class,
                        retry -> assertThat(retry.code()).isEqualTo("smtp_421"));
    }

    @Test
    void should_reject_with_an_alert_when_the_login_is_refused() {
        SendOutcome outcome = SmtpOutcomes.of(
                new MailAuthenticationException(new AuthenticationFailedException("535 5.7.8 bad credentials")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo("smtp_535");
            assertThat(rejected.alert()).isTrue();
        });
    }

    @Test
    void should_retry_when_the_server_cannot_be_reached_or_times_out() {
        SendOutcome refused = SmtpOutcomes.of(new MailSendException(
                "connect",
                new MailConnectException(
                        new SocketConnectException("refused", new java.net.ConnectException(), "h", 25, 5000))));
        SendOutcome timeout = SmtpOutcomes.of(
                new MailSendException("timeout", new MessagingException("read", new SocketTimeoutException())));

        assertThat(refused)
                .isInstanceOfSatisfying(
                        SendOutcome.RetryLater.class, r -> assertThat(r.code()).isEqualTo("smtp_unreachable"));
        assertThat(timeout)
                .isInstanceOfSatisfying(
                        SendOutcome.RetryLater.class, r -> assertThat(r.code()).isEqualTo("smtp_unreachable"));
        assertThat(channel.classify("smtp_unreachable")).isEqualTo(FailureClass.RETRY);
    }

    @Test
    void should_reject_a_recipient_that_is_no_address() {
        SendOutcome outcome =
                SmtpOutcomes.of(new jakarta.mail.internet.AddressException("Illegal address", "not an address"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo("invalid_recipient");
            assertThat(rejected.alert()).isFalse();
        });
    }

    /** As Spring's {@code JavaMailSenderImpl} reports a refused message: per message, the exception chained. */
    private static MailSendException wrapped(Exception smtp) {
        MessagingException failed = new jakarta.mail.SendFailedException("Invalid Addresses", smtp);
        return new MailSendException(Map.of(new Object(), failed));
    }
}
