package io.opsline.identity.internal;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.opsline.platform.ProblemTypes;
import tools.jackson.databind.json.JsonMapper;

/** Answers unauthenticated and forbidden API requests with problem details instead of a login page. */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemAuthenticationEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        var detail = e.getMessage() != null && e.getMessage().startsWith("The API token")
                ? e.getMessage()
                : "Authentication required: send an API token as 'Authorization: Bearer <token>'";
        response.setHeader("WWW-Authenticate", "Bearer realm=\"opsline\"");
        write(response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Your role does not allow this action");
    }

    private void write(HttpServletResponse response, HttpStatus status, URI type, String detail) throws IOException {
        var problem = ProblemTypes.problem(status, type, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
