package io.parley.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.delivery.SendOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/** SMTP failures as send outcomes (spec §2.6): 4yz and network failures retried, 5yz permanent, auth alerts. */
class SmtpOutcomesTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(send("421 4.7.0 Try again later"), "retry", "smtp_421"),
                Arguments.of(send("450 4.2.1 Mailbox busy"), "retry", "smtp_450"),
                Arguments.of(send("452 4.3.1 Insufficient storage"), "retry", "smtp_452"),
                Arguments.of(send("550 5.1.1 User unknown"), "rejected", "smtp_550"),
                Arguments.of(send("554 5.7.1 Rejected"), "rejected", "smtp_554"),
                Arguments.of(send("535 5.7.8 Authentication failed"), "alert", "smtp_auth_failed"),
                Arguments.of(
                        new MailAuthenticationException(new AuthenticationFailedException("no")),
                        "alert",
                        "smtp_auth_failed"),
                Arguments.of(
                        new MailSendException("x", new MessagingException("x", new ConnectException("refused"))),
                        "retry",
                        "smtp_unreachable"),
                Arguments.of(
                        new MailSendException("x", new MessagingException("x", new SocketTimeoutException("slow"))),
                        "retry",
                        "smtp_timeout"),
                Arguments.of(new MailPreparationException("bad"), "alert", "smtp_message_invalid"));
    }

    static Exception send(String reply) {
        return new MailSendException("Failed messages", new MessagingException(reply));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void should_classify_an_smtp_failure(Exception failure, String expected, String code) {
        SendOutcome outcome = SmtpOutcomes.classify(failure);

        switch (expected) {
            case "retry" ->
                assertThat(outcome)
                        .isInstanceOfSatisfying(
                                SendOutcome.RetryLater.class,
                                r -> assertThat(r.code()).isEqualTo(code));
            case "rejected" ->
                assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
                    assertThat(r.code()).isEqualTo(code);
                    assertThat(r.alert()).isFalse();
                });
            default ->
                assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
                    assertThat(r.code()).isEqualTo(code);
                    assertThat(r.alert()).isTrue();
                });
        }
    }
}
