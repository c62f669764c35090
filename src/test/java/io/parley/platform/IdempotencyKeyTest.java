package io.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {
    @Test
    void should_be_absent_when_the_request_has_no_header() {
        assertThat(IdempotencyKey.fromHeader(null)).isNull();
    }

    @Test
    void should_keep_the_key_as_sent_when_it_has_1_to_255_characters() {
        assertThat(IdempotencyKey.fromHeader("x").value()).isEqualTo("x");
        assertThat(IdempotencyKey.fromHeader(" order-42 ").value()).isEqualTo(" order-42 ");
        assertThat(IdempotencyKey.fromHeader("k".repeat(255)).value()).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void should_refuse_the_key_as_validation_failed_when_it_is_blank(String header) {
        assertThatThrownBy(() -> IdempotencyKey.fromHeader(header))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"))
                .hasMessage("Idempotency-Key must have 1 to 255 characters");
    }

    @Test
    void should_refuse_the_key_as_validation_failed_when_it_is_longer_than_255_characters() {
        assertThatThrownBy(() -> IdempotencyKey.fromHeader("k".repeat(256)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
    }

    @Test
    void should_pass_when_the_earlier_request_under_the_key_asked_for_the_same() {
        new IdempotencyKey("k").requireSameRequest("abc", "abc", "request");
    }

    @Test
    void should_answer_idempotency_key_reused_when_the_key_was_used_for_another_request() {
        IdempotencyKey key = new IdempotencyKey("k");

        assertThatThrownBy(() -> key.requireSameRequest("abc", "def", "broadcast"))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo("idempotency_key_reused"))
                .hasMessage("This Idempotency-Key was used for a different broadcast");
        assertThatThrownBy(() -> key.requireSameRequest(null, "def", "request")).isInstanceOf(ConflictException.class);
    }
}
