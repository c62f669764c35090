package io.parley.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.ConversationProperties;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.platform.MessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The quiet-window rule (ADR 49) with the production defaults: first-quiet 250 ms, debounce 1 s, max-wait 10 s. */
class QuietWindowTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final QuietWindow window = new QuietWindow(properties(Duration.ofMillis(250), Duration.ofMinutes(5)));

    @Test
    void should_answer_a_lone_message_after_the_first_quiet_window_when_the_contact_did_not_burst_lately() {
        assertThat(window.answerAt(List.of(message(0)), null)).isEqualTo(T0.plusMillis(250));
        assertThat(window.firstCheck(T0, false)).isEqualTo(T0.plusMillis(250));
    }

    @Test
    void should_wait_the_full_debounce_after_the_newest_when_two_messages_wait() {
        assertThat(window.answerAt(List.of(message(0), message(200)), null)).isEqualTo(T0.plusMillis(1_200));
    }

    @Test
    void should_extend_by_the_full_debounce_with_every_message_of_a_burst() {
        assertThat(window.answerAt(List.of(message(0), message(200), message(1_100)), null))
                .isEqualTo(T0.plusMillis(2_100));
    }

    @Test
    void should_answer_at_max_wait_after_the_first_when_the_burst_does_not_pause() {
        List<StoredMessage> endless = List.of(message(0), message(900), message(1_800), message(9_500));

        assertThat(window.answerAt(endless, null)).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void should_wait_the_full_debounce_for_a_lone_message_when_the_contact_burst_within_the_burst_memory() {
        assertThat(window.answerAt(List.of(message(0)), T0.minus(Duration.ofMinutes(4))))
                .isEqualTo(T0.plusSeconds(1));
        assertThat(window.answerAt(List.of(message(0)), T0)).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void should_forget_a_burst_when_it_is_older_than_the_burst_memory() {
        assertThat(window.answerAt(List.of(message(0)), T0.minus(Duration.ofMinutes(5))))
                .isEqualTo(T0.plusMillis(250));
    }

    @Test
    void should_never_remember_a_burst_when_the_burst_memory_is_zero() {
        QuietWindow forgetful = new QuietWindow(properties(Duration.ofMillis(250), Duration.ZERO));

        assertThat(forgetful.answerAt(List.of(message(0)), T0)).isEqualTo(T0.plusMillis(250));
    }

    @Test
    void should_answer_at_once_when_a_waiting_message_has_a_sender_who_waits_for_the_reply() {
        StoredMessage waits = new StoredMessage(
                new MessageId(UUID.randomUUID()),
                2,
                "user",
                "text",
                "and?",
                null,
                null,
                T0.plusMillis(100),
                null,
                null,
                true);

        assertThat(window.answerAt(List.of(message(0), waits), T0)).isEqualTo(T0);
        assertThat(window.firstCheck(T0, true)).isEqualTo(T0);
    }

    @Test
    void should_keep_a_shorter_debounce_when_first_quiet_is_configured_longer() {
        QuietWindow shortDebounce = new QuietWindow(new ConversationProperties(
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                20,
                Duration.ofSeconds(5),
                5,
                Duration.ofSeconds(1),
                10));

        assertThat(shortDebounce.answerAt(List.of(message(0)), null)).isEqualTo(T0.plusMillis(100));
        assertThat(shortDebounce.firstCheck(T0, false)).isEqualTo(T0.plusMillis(100));
    }

    private static ConversationProperties properties(Duration firstQuiet, Duration burstMemory) {
        return new ConversationProperties(
                Duration.ofSeconds(1),
                firstQuiet,
                burstMemory,
                Duration.ofSeconds(10),
                20,
                Duration.ofSeconds(5),
                5,
                Duration.ofSeconds(1),
                10);
    }

    private static StoredMessage message(long atMillis) {
        return new StoredMessage(
                new MessageId(UUID.randomUUID()),
                atMillis,
                "user",
                "text",
                "message at " + atMillis,
                null,
                null,
                T0.plusMillis(atMillis),
                null,
                null,
                false);
    }
}
