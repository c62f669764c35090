package io.parley.platform.web;

import io.parley.platform.LogContext;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds Parley's problem bodies; also used by filters that answer before MVC runs. */
public final class Problems {
    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        // The type is a URI: a code with other characters must not turn an error answer into a server error.
        problem.setType(URI.create("https://parley.dev/problems/" + code.replaceAll("[^A-Za-z0-9._-]", "_")));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        problem.setProperty("traceId", LogContext.currentTraceId());
        return problem;
    }
}
