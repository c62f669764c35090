package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions on Parley's RFC 9457 problem bodies (CONVENTIONS §11). */
public final class ApiProblems {
    private ApiProblems() {}

    /** The response is a problem with this status and code, a trace id that the X-Trace-Id header repeats. */
    public static JsonNode assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("code").asString()).as(response.body()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("type").asString()).endsWith("/" + code);
        String traceId = body.path("traceId").asString();
        assertThat(traceId).as("traceId in " + response.body()).matches("[0-9a-fA-F-]{16,64}");
        assertThat(response.raw().headers().firstValue("X-Trace-Id")).contains(traceId);
        return body;
    }

    /** A 400 {@code validation_failed} problem whose {@code errors} name {@code field}. */
    public static JsonNode assertInvalidField(Api.Response response, String field) {
        JsonNode body = assertProblem(response, 400, "validation_failed");
        assertThat(body.path("errors").findValuesAsString("field"))
                .as(response.body())
                .contains(field);
        assertThat(body.path("detail").asString()).startsWith(field + " ");
        return body;
    }
}
