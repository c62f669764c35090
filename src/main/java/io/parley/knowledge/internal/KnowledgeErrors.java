package io.parley.knowledge.internal;

import io.parley.knowledge.QuotaExceededException;
import io.parley.knowledge.UnsupportedContentException;
import io.parley.platform.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** The knowledge base's problem statuses that the generic mapping cannot know: 403 quota, 413 and 415 uploads
 * (the multipart ceiling's 413 too, for every upload route). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class KnowledgeErrors {
    private final DataSize multipartLimit;

    KnowledgeErrors(@Value("${spring.servlet.multipart.max-file-size:100MB}") DataSize multipartLimit) {
        this.multipartLimit = multipartLimit;
    }

    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<ProblemDetail> quota(QuotaExceededException e) {
        return problem(HttpStatus.FORBIDDEN, e.code(), e.getMessage(), e.context());
    }

    @ExceptionHandler(UnsupportedContentException.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedContentException e) {
        return problem(
                e.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                e.code(),
                e.getMessage(),
                e.context());
    }

    /** Past the server-wide multipart ceiling ({@code parley.uploads.max-file-size}), on any upload route. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "content_too_large",
                "The upload is larger than " + multipartLimit + ", the most this server accepts",
                java.util.Map.of("max", multipartLimit.toBytes()));
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String code, String detail, java.util.Map<String, Object> context) {
        ProblemDetail body = Problems.of(status, code, detail);
        context.forEach(body::setProperty);
        return ResponseEntity.status(status).body(body);
    }
}
