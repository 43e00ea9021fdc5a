package io.opsline.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting right now, as the audit log records it.
 *
 * @param name       the username, or {@code system} for work nobody signed in started
 * @param channel    {@code ui}, {@code api} or {@code system}
 * @param credential for API calls, which token (name and prefix)
 */
public record Actor(String name, String channel, String credential, String remoteAddress) {

    public static Actor current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        var address = requestAddress();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return new Actor("system", "system", null, address);
        }
        if (authentication instanceof ApiTokenAuthentication token) {
            return new Actor(token.getName(), "api", token.credentialLabel(), address);
        }
        return new Actor(authentication.getName(), "ui", null, address);
    }

    private static String requestAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
