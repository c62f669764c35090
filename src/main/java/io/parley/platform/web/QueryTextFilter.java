package io.parley.platform.web;

import io.parley.platform.NulCharacters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Query parameters are checked before anything reads them: a U+0000 ({@code %00}) is {@code 400 invalid_text} and
 * bytes that are not UTF-8 are {@code 400 malformed_request}, each naming the parameter. Otherwise the NUL reaches a
 * SQL parameter (a PostgreSQL error) and the servlet container's decoding failure surfaces as a server error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class QueryTextFilter extends OncePerRequestFilter {
    private final JsonMapper json;

    QueryTextFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ProblemDetail> problem =
                request.getQueryString() == null ? Optional.empty() : check(request.getQueryString());
        if (problem.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem.get()));
    }

    static Optional<ProblemDetail> check(String query) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            Optional<String> name = decode(rawName);
            Optional<String> value = equals < 0 ? Optional.of("") : decode(pair.substring(equals + 1));
            String field = name.orElse(rawName);
            if (name.isEmpty() || value.isEmpty()) {
                return Optional.of(problem("malformed_request", field, "is not percent-encoded UTF-8"));
            }
            if (NulCharacters.contains(field) || NulCharacters.contains(value.get())) {
                return Optional.of(problem(
                        "invalid_text", NulCharacters.strip(field), "must not contain the NUL character (%00)"));
            }
        }
        return Optional.empty();
    }

    /** Strict form decoding: a broken escape or invalid UTF-8 is empty instead of a replacement character. */
    private static Optional<String> decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()
                        || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return Optional.empty();
                }
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static ProblemDetail problem(String code, String field, String message) {
        String shown = field.length() <= 64 ? field : field.substring(0, 64) + "…";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, code, "Query parameter " + shown + " " + message);
        problem.setProperty("field", shown);
        return problem;
    }
}
