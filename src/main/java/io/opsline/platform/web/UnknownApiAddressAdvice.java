package io.opsline.platform.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.opsline.platform.ProblemTypes;

/**
 * Requests under {@code /api} that match no endpoint, or none for their method, get a problem
 * naming what was asked for. Everything else goes on to the error page.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownApiAddressAdvice {

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchAddress(NoResourceFoundException e, HttpServletRequest request)
            throws NoResourceFoundException {
        if (!isApi(request)) {
            throw e;
        }
        var problem = ProblemTypes.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                "There is no API endpoint %s %s".formatted(request.getMethod(), request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws HttpRequestMethodNotSupportedException {
        if (!isApi(request)) {
            throw e;
        }
        var allowed = e.getSupportedHttpMethods() == null ? Set.<HttpMethod>of() : e.getSupportedHttpMethods();
        var problem = ProblemTypes.problem(HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.MALFORMED_REQUEST,
                "%s does not accept %s; it accepts %s".formatted(request.getRequestURI(), request.getMethod(), allowed));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).allow(allowed.toArray(HttpMethod[]::new))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
