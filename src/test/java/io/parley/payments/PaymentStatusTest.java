package io.parley.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Payments move forward only: created < open < expired|failed < paid. */
class PaymentStatusTest {
    @ParameterizedTest
    @CsvSource({
        "CREATED, OPEN, true",
        "CREATED, PAID, true",
        "OPEN, PAID, true",
        "OPEN, EXPIRED, true",
        "OPEN, FAILED, true",
        "EXPIRED, PAID, true",
        "FAILED, PAID, true",
        "PAID, EXPIRED, false",
        "PAID, OPEN, false",
        "EXPIRED, OPEN, false",
        "EXPIRED, FAILED, false",
        "FAILED, EXPIRED, false",
        "OPEN, OPEN, false",
        "PAID, PAID, false"
    })
    void should_allow_only_forward_moves(PaymentStatus from, PaymentStatus to, boolean allowed) {
        assertThat(from.mayMoveTo(to)).isEqualTo(allowed);
    }
}
