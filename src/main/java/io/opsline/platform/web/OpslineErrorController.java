package io.opsline.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import io.opsline.platform.ProblemTypes;

/**
 * Answers errors that happen outside any controller (unknown addresses, errors raised by
 * filters): the error page for browsers, problem details for every other client.
 */
@Controller
class OpslineErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request) {
        var status = status(request);
        return ErrorPages.page(status, ErrorPages.defaultMessage(status));
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        var status = status(request);
        var type = switch (status) {
            case NOT_FOUND -> ProblemTypes.NOT_FOUND;
            case UNAUTHORIZED -> ProblemTypes.UNAUTHORIZED;
            case FORBIDDEN -> ProblemTypes.FORBIDDEN;
            case CONTENT_TOO_LARGE -> ProblemTypes.PAYLOAD_TOO_LARGE;
            default -> status.is5xxServerError() ? ProblemTypes.INTERNAL_ERROR : ProblemTypes.MALFORMED_REQUEST;
        };
        var problem = ProblemTypes.problem(status, type, ErrorPages.defaultMessage(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
