package io.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class ApiErrorsTest {
    private final ApiErrors errors = new ApiErrors();

    @Test
    void should_answer_503_with_retry_after_when_no_database_connection_is_available() {
        var cause = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("parley - Connection is not available, request timed out"));

        ResponseEntity<ProblemDetail> response = errors.databaseUnavailable(cause);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(response.getBody().getProperties()).containsEntry("code", "database_unavailable")
                .containsKey("traceId");
        assertThat(response.getBody().getDetail()).doesNotContain("JDBC").doesNotContain("parley -");
    }

    @Test
    void should_hide_internals_behind_a_500_when_an_unexpected_error_happens() {
        ResponseEntity<ProblemDetail> response = errors.unexpected(new IllegalStateException("select * from secrets"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().getProperties()).containsEntry("code", "internal_error");
        assertThat(response.getBody().getDetail()).doesNotContain("select");
    }

    @Test
    void should_treat_a_connection_failure_like_a_busy_pool() {
        ResponseEntity<ProblemDetail> response = errors.databaseUnavailable(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
    }
}
