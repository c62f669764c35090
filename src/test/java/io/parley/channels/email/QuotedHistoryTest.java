package io.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the model reads of an email: the new text, without quoted history or signature. */
class QuotedHistoryTest {
    static Stream<Arguments> emails() {
        return Stream.of(
                Arguments.of("plain text stays", "Do you open on Sunday?", "Do you open on Sunday?"),
                Arguments.of(
                        "Gmail attribution",
                        "Yes, 3 pm works.\n\nOn Mon, 7 Dec 2026 at 10:00, Bot <bot@example.com> wrote:\n> When?\n> Thanks",
                        "Yes, 3 pm works."),
                Arguments.of(
                        "attribution over two lines",
                        "Fine.\n\nOn Mon, 7 Dec 2026 at 10:00, Support Team\n<support@example.com> wrote:\n> Hi",
                        "Fine."),
                Arguments.of(
                        "German attribution",
                        "Passt.\n\nAm 07.12.2026 um 10:00 schrieb Bot <bot@example.com>:\n> Wann?",
                        "Passt."),
                Arguments.of(
                        "quoted lines inline are dropped",
                        "> Which size?\nMedium, please.\n> Which colour?\nBlue.",
                        "Medium, please.\nBlue."),
                Arguments.of("signature", "Thanks!\n-- \nAnna Smith\nACME Inc.", "Thanks!"),
                Arguments.of(
                        "Outlook original message",
                        "Sounds good.\n\n-----Original Message-----\nFrom: Bot\nSent: Monday\nHello",
                        "Sounds good."),
                Arguments.of(
                        "Outlook header block",
                        "Sounds good.\n\nFrom: Bot <bot@example.com>\nSent: Monday, 7 December 2026 10:00\nTo: Anna",
                        "Sounds good."),
                Arguments.of(
                        "Outlook underscore rule",
                        "Ok.\r\n\r\n________________________________\r\nFrom: Bot\r\n",
                        "Ok."),
                Arguments.of("everything quoted is kept whole", "> only a quote", "> only a quote"),
                Arguments.of(
                        "a line starting with On is not an attribution",
                        "On Monday I can come.\nIs that fine?",
                        "On Monday I can come.\nIs that fine?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emails")
    void should_keep_only_the_new_text(String name, String email, String expected) {
        assertThat(QuotedHistory.strip(email)).isEqualTo(expected);
    }
}
