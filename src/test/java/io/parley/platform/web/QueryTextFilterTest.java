package io.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class QueryTextFilterTest {

    @Test
    void should_accept_ordinary_and_encoded_utf8_parameters() {
        assertThat(QueryTextFilter.check("type=delivery.&level=error&q=caf%C3%A9+cr%C3%A8me&flag"))
                .isEmpty();
    }

    @Test
    void should_name_the_parameter_when_its_value_or_name_contains_nul() {
        ProblemDetail value = QueryTextFilter.check("limit=5&type=a%00b").orElseThrow();
        ProblemDetail name = QueryTextFilter.check("ty%00pe=x").orElseThrow();

        assertThat(value.getProperties()).containsEntry("code", "invalid_text").containsEntry("field", "type");
        assertThat(name.getProperties()).containsEntry("code", "invalid_text").containsEntry("field", "type");
    }

    @Test
    void should_answer_malformed_request_when_a_parameter_is_not_percent_encoded_utf8() {
        assertThat(QueryTextFilter.check("status=%C3%28").orElseThrow().getProperties())
                .containsEntry("code", "malformed_request")
                .containsEntry("field", "status");
        assertThat(QueryTextFilter.check("status=%zz").orElseThrow().getProperties())
                .containsEntry("code", "malformed_request");
        assertThat(QueryTextFilter.check("status=%4").orElseThrow().getProperties())
                .containsEntry("code", "malformed_request");
    }
}
