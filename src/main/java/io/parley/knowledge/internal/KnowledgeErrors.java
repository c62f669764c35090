package io.parley.knowledge.internal;

import io.parley.knowledge.QuotaExceededException;
import io.parley.knowledge.UnsupportedContentException;
import io.parley.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** The knowledge base's problem statuses that the generic mapping cannot know: 403 quota, 413 and 415 uploads. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class KnowledgeErrors {
    private final KnowledgeProperties properties;

    KnowledgeErrors(KnowledgeProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<ProblemDetail> quota(QuotaExceededException e) {
        return problem(HttpStatus.FORBIDDEN, e.code(), e.getMessage(), e.context());
    }

    @ExceptionHandler(UnsupportedContentException.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedContentException e) {
        return problem(e.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.code(),
                e.getMessage(), e.context());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "content_too_large", "The upload is larger than "
                + properties.maxFileSize(), java.util.Map.of("max", properties.maxFileSize().toBytes()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail,
                                                         java.util.Map<String, Object> context) {
        ProblemDetail body = Problems.of(status, code, detail);
        context.forEach(body::setProperty);
        return ResponseEntity.status(status).body(body);
    }
}
