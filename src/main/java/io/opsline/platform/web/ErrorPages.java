package io.opsline.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** Builds the one error page template used for every HTML error. */
final class ErrorPages {

    private ErrorPages() {
    }

    static ModelAndView page(HttpStatus status, String message) {
        var view = new ModelAndView("error");
        view.setStatus(status);
        view.addObject("status", status.value());
        view.addObject("reason", status.getReasonPhrase());
        view.addObject("message", message);
        return view;
    }

    static String defaultMessage(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case FORBIDDEN -> "Your role does not allow this page or action.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that kind of request.";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side. It has been logged."
                    : "The request could not be handled.";
        };
    }
}
