package io.opsline.platform.web;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.opsline.platform.OpslineException;
import io.opsline.platform.ProblemTypes;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure inside a REST controller into an RFC 9457 problem. Client mistakes are
 * logged quietly; anything unexpected is logged loudly and answered without internals.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler(OpslineException.class)
    ResponseEntity<ProblemDetail> domain(OpslineException e) {
        log.debug("Refused request: {}", e.getMessage());
        var problem = ProblemTypes.toProblem(e);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        var problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST,
                "Parameter '%s' has an invalid value '%s'".formatted(e.getName(), e.getValue()));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        var problem = ProblemTypes.problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                "Your role does not allow this action");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        var problem = ProblemTypes.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
                "Authentication required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    /**
     * Two changes that met in the database: one waited too long for the other's lock, or lost a
     * deadlock. Nothing was stored; the same request sent again succeeds.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> busy(PessimisticLockingFailureException e) {
        log.warn("Request gave way to a concurrent change: {}", e.getMessage());
        var problem = ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BUSY,
                "Another change to the same data was under way; nothing was stored. Send the request again.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /** A unique key that a concurrent request took first, after this one's checks had passed. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        log.warn("Request lost a race for a unique key: {}", e.getMessage());
        var problem = ProblemTypes.problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                "Something with the same name or key was stored at the same moment; nothing was stored."
                        + " Reload and try again.");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error while handling an API request", e);
        var problem = ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR,
                "An unexpected error occurred; it has been logged with request id " + RequestIdFilter.current());
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST,
                describeUnreadable(e));
        return ResponseEntity.badRequest().body(problem);
    }

    /** Says where the body went wrong without echoing Java type names back to the client. */
    static String describeUnreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException jackson) {
            var path = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            var location = jackson.getLocation();
            var where = location == null || location.getLineNr() < 0 ? ""
                    : " (line %d, column %d)".formatted(location.getLineNr(), location.getColumnNr());
            return path.isEmpty()
                    ? "The request body is not valid JSON" + where
                    : "Field '%s' has a value of the wrong type or shape%s".formatted(path, where);
        }
        return "The request body is missing or unreadable";
    }
}
