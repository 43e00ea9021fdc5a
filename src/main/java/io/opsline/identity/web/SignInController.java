package io.opsline.identity.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security itself handles the form post to {@code /login}. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(HttpServletRequest request, Model model) {
        if (request.getParameter("error") != null) {
            var session = request.getSession(false);
            var failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", message(failure));
        }
        if (request.getParameter("signedOut") != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        return "identity/login";
    }

    private static String message(Object failure) {
        return switch (failure) {
            case BadCredentialsException ignored -> "Wrong username or password.";
            case DisabledException ignored -> "This account is disabled. Ask an administrator.";
            case AuthenticationException e when e.getMessage() != null && e.getMessage().startsWith("Too many") ->
                    e.getMessage();
            case null, default -> "Sign-in failed. Please try again.";
        };
    }
}
