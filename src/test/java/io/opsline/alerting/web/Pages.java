package io.opsline.alerting.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.Role;
import io.opsline.testing.TestAccounts;

/** Server-rendered pages as a signed-in person of a role gets them, and forms posted as they would be. */
record Pages(MockMvcTester mvc, TestAccounts accounts) {

    MvcTestResult get(String uri, Role role) {
        return mvc.get().uri(uri).with(user(accounts.of(role).username()).roles(role.name())).exchange();
    }

    String html(String uri, Role role) {
        return html(get(uri, role));
    }

    /** Posts form fields; a field given several values is sent with each. */
    MvcTestResult post(String uri, Role role, Map<String, List<String>> fields) {
        var request = mvc.post().uri(uri).with(user(accounts.of(role).username()).roles(role.name())).with(csrf());
        for (var field : fields.entrySet()) {
            request = request.param(field.getKey(), field.getValue().toArray(String[]::new));
        }
        return request.exchange();
    }

    static String html(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** The values of an attribute on the elements that carry it, in page order. */
    static List<String> attributes(String html, String attribute) {
        return Pattern.compile("\\b" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(html).results()
                .map(m -> m.group(1)).toList();
    }
}
