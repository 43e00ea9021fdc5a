package io.opsline.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import io.opsline.platform.OpslineException;
import io.opsline.platform.ProblemTypes;

/**
 * Friendly error pages for the server-rendered UI. REST controllers are handled first by
 * {@link ApiProblemAdvice}; this advice sees only page controllers.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);

    @ExceptionHandler(OpslineException.class)
    ModelAndView domain(OpslineException e) {
        return ErrorPages.page(ProblemTypes.status(e), e.getMessage());
    }

    /** A path or query parameter of the wrong type (e.g. /cis/web01 where an id belongs) is the client's mistake. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView typeMismatch(MethodArgumentTypeMismatchException e) {
        return ErrorPages.page(HttpStatus.BAD_REQUEST, "'%s' is not a valid %s.".formatted(e.getValue(), e.getName()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView denied(AccessDeniedException e) {
        // Re-thrown so Spring Security decides: anonymous users are sent to the login page.
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) {
        if (e instanceof ErrorResponse response) {
            var status = HttpStatus.valueOf(response.getStatusCode().value());
            return ErrorPages.page(status, ErrorPages.defaultMessage(status));
        }
        log.error("Unexpected error while rendering a page", e);
        return ErrorPages.page(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. It has been logged with request id " + RequestIdFilter.current() + ".");
    }
}
