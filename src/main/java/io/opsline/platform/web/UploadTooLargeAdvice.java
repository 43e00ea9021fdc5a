package io.opsline.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import io.opsline.platform.ProblemTypes;

/**
 * A multipart upload over {@code spring.servlet.multipart.max-file-size}. Its parts are parsed before any
 * controller is chosen, so {@link ApiProblemAdvice} (for REST controllers only) never sees it; left to Spring's
 * default it became a 413 whose error dispatch failed on the same parts again, with an empty body.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadTooLargeAdvice {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        var limit = e.getMaxUploadSize();
        var problem = ProblemTypes.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, limit > 0
                ? "The upload is larger than the limit of %d bytes".formatted(limit)
                : "The upload is larger than the server's limit");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
