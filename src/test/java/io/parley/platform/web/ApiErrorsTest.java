package io.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.multipart.MultipartException;

class ApiErrorsTest {
    private final ApiErrors errors = new ApiErrors();

    @Test
    void should_answer_503_with_retry_after_when_no_database_connection_is_available() {
        var cause = new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("parley - Connection is not available, request timed out"));

        ResponseEntity<ProblemDetail> response = errors.databaseUnavailable(cause);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(response.getBody().getProperties())
                .containsEntry("code", "database_unavailable")
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
        ResponseEntity<ProblemDetail> response =
                errors.databaseUnavailable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void should_answer_400_invalid_text_when_postgresql_refuses_a_nul_character() {
        var refused = new DataIntegrityViolationException(
                "insert into organizations ...",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

        ResponseEntity<ProblemDetail> response = errors.dataAccess(refused);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().getProperties()).containsEntry("code", "invalid_text");
        assertThat(response.getBody().getDetail()).doesNotContain("insert").doesNotContain("UTF8");
    }

    @Test
    void should_keep_other_database_errors_a_500_when_they_are_not_about_text() {
        var duplicate = new DataIntegrityViolationException(
                "insert ...", new SQLException("ERROR: duplicate key value violates unique constraint", "23505"));

        assertThat(errors.dataAccess(duplicate).getStatusCode().value()).isEqualTo(500);
    }

    @Test
    void should_answer_400_malformed_request_when_a_multipart_body_cannot_be_parsed() {
        ResponseEntity<ProblemDetail> response =
                errors.malformedBody(new MultipartException("Failed to parse multipart servlet request"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().getProperties()).containsEntry("code", "malformed_request");
    }
}
