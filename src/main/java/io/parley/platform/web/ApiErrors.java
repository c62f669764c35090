package io.parley.platform.web;

import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.LogContext;
import io.parley.platform.NotFoundException;
import io.parley.platform.ParleyException;
import io.parley.platform.UnauthorizedException;
import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error as an RFC 9457 problem body with a stable {@code code} and the request's {@code traceId}.
 * Internals (exception classes, SQL, stack traces) never leave the process; they are logged with the trace id.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    /** character_not_in_repertoire (a NUL), untranslatable_character (a NUL escape in jsonb), invalid text repr. */
    private static final Set<String> BAD_TEXT_STATES = Set.of("22021", "22P05", "22P02");

    private final java.util.concurrent.atomic.AtomicLong lastUnavailableLog =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 20_000_000_000L);

    @ExceptionHandler(ParleyException.class)
    ResponseEntity<ProblemDetail> parley(ParleyException e) {
        HttpStatus status = switch (e) {
            case NotFoundException ignored -> HttpStatus.NOT_FOUND;
            case ConflictException ignored -> HttpStatus.CONFLICT;
            case InvalidRequestException ignored -> HttpStatus.BAD_REQUEST;
            case UnauthorizedException ignored -> HttpStatus.UNAUTHORIZED;
            case io.parley.platform.ForbiddenException ignored -> HttpStatus.FORBIDDEN;
            case io.parley.platform.TooManyRequestsException ignored -> HttpStatus.TOO_MANY_REQUESTS;
            case io.parley.platform.UpstreamException ignored -> HttpStatus.UNPROCESSABLE_CONTENT;
            default -> e.retriable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_CONTENT;
        };
        if (status.is5xxServerError()) {
            log.warn("Request failed with {}: {}", e.code(), e.getMessage(), e);
        }
        ProblemDetail body = Problems.of(status, e.code(), e.getMessage());
        e.context().forEach(body::setProperty);
        if (e instanceof io.parley.platform.TooManyRequestsException tooMany) {
            return ResponseEntity.status(status)
                    .header(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())))
                    .body(body);
        }
        return ResponseEntity.status(status).body(body);
    }

    /**
     * No connection within the pool timeout, or the database is unreachable: overload or an outage, both worth
     * retrying. 503 with Retry-After, so callers (Meta included) come back instead of treating it as a bug.
     */
    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        CannotCreateTransactionException.class,
        TransientDataAccessResourceException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        // Under overload this fires for many requests a second: one line per ten seconds says it all.
        long now = System.nanoTime();
        long last = lastUnavailableLog.get();
        if (now - last > 10_000_000_000L && lastUnavailableLog.compareAndSet(last, now)) {
            log.warn("Database unavailable (answering 503): {}", e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "database_unavailable",
                        "The database is busy or unreachable; retry shortly"));
    }

    /**
     * Safety net for text PostgreSQL refuses: a NUL that did not come through JSON, bytes that are not valid UTF-8,
     * a value that does not parse as its column's type. The request carried it, so it is the caller's 400.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> dataAccess(DataAccessException e) {
        if (!BAD_TEXT_STATES.contains(sqlState(e))) {
            return unexpected(e);
        }
        log.warn(
                "Refused text from a request (SQLState {}): {}",
                sqlState(e),
                e.getMostSpecificCause().getMessage());
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "invalid_text",
                        "A text in the request cannot be stored (e.g. a NUL character or bytes that are not UTF-8)"));
    }

    /** A multipart body that cannot be parsed (e.g. a NUL in a file name, a broken boundary). */
    @ExceptionHandler({MultipartException.class, InvalidParameterException.class})
    ResponseEntity<ProblemDetail> malformedBody(Exception e) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "malformed_request",
                        "The request body cannot be read as multipart or form data"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal_error",
                        "Something went wrong on our side. Quote the traceId when reporting it."));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("field", error.getField());
                    item.put("message", error.getDefaultMessage());
                    return item;
                })
                .toList();
        ProblemDetail body = Problems.of(
                HttpStatus.BAD_REQUEST,
                "validation_failed",
                "The request has invalid fields: "
                        + errors.stream()
                                .map(m -> m.get("field") + " " + m.get("message"))
                                .reduce((a, b) -> a + "; " + b)
                                .orElse(""));
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "malformed_request",
                        "The request body is not valid JSON for this endpoint"));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "route_not_found", "No endpoint at " + e.getResourcePath()));
    }

    /** Spring's own problem bodies (405, 415, ...) get a code and trace id too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof ErrorResponse response) {
            // Most of Spring's handlers pass no body and let the superclass build it, too late to add ours.
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem) {
            problem.setProperty(
                    "code",
                    problem.getProperties() != null && problem.getProperties().containsKey("code")
                            ? problem.getProperties().get("code")
                            : HttpStatus.valueOf(status.value()).name().toLowerCase());
            problem.setProperty("traceId", LogContext.currentTraceId());
            problem.setType(URI.create(
                    "https://parley.dev/problems/" + problem.getProperties().get("code")));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }
}
