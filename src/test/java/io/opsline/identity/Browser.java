package io.opsline.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A UI client for tests: signs in through the real login form and carries its session cookie
 * from request to request, like a browser. Each browser has a remote address of its own, so
 * the per-address sign-in throttle one test trips never refuses another test.
 */
public final class Browser {

    private static final String SESSION_COOKIE = "OPSLINE_SESSION";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final MockMvcTester mvc;
    private final String address;
    private Cookie session;

    public Browser(MockMvcTester mvc) {
        this(mvc, newAddress());
    }

    public Browser(MockMvcTester mvc, String address) {
        this.mvc = mvc;
        this.address = address;
    }

    /** An address no other browser in this JVM has used. */
    public static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77.%d.%d".formatted(n / 250, n % 250 + 1);
    }

    public String address() {
        return address;
    }

    /** Posts the sign-in form (with a CSRF token, as the page would). */
    public MvcTestResult signIn(String username, String password) {
        return exchange(mvc.post().uri("/login").with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("username", username).param("password", password));
    }

    /** The sign-in page a failed attempt redirects to, with its message. */
    public String signInError() {
        // "?error=" rather than "?error": a servlet container reads both as "", MockMvc reads the bare one as null.
        var page = get("/login?error=");
        return page.getResponse().getStatus() + " " + contentOf(page);
    }

    public MvcTestResult get(String uri) {
        return exchange(mvc.get().uri(uri));
    }

    /** Posts a form with a CSRF token, as the app's own pages do. */
    public MvcTestResult post(String uri) {
        return exchange(mvc.post().uri(uri).with(csrf()));
    }

    public MvcTestResult exchange(MockMvcRequestBuilder request) {
        request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
        if (session != null) {
            request.cookie(session);
        }
        var result = request.exchange();
        var cookie = result.getResponse().getCookie(SESSION_COOKIE);
        if (cookie != null) {
            session = cookie.getMaxAge() == 0 ? null : cookie;
        }
        return result;
    }

    public boolean hasSession() {
        return session != null;
    }

    static String contentOf(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
