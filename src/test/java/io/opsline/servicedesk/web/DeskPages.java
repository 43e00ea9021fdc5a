package io.opsline.servicedesk.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.testing.TestAccounts.Account;

/** Service-desk pages as a signed-in account gets them, and their forms posted as a browser would. */
record DeskPages(MockMvcTester mvc) {

    MvcTestResult get(String uri, Account account) {
        return mvc.get().uri(uri).with(user(account.username()).roles(account.role().name())).exchange();
    }

    String html(String uri, Account account) {
        return html(get(uri, account));
    }

    MvcTestResult post(String uri, Account account, Map<String, String> fields) {
        var request = mvc.post().uri(uri).with(user(account.username()).roles(account.role().name())).with(csrf());
        for (var field : fields.entrySet()) {
            request = request.param(field.getKey(), field.getValue());
        }
        return request.exchange();
    }

    static String html(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** The values of an attribute in page order, e.g. every row's {@code data-incident}. */
    static List<String> values(String html, String attribute) {
        return Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(html).results()
                .map(m -> m.group(1)).toList();
    }

    /** The message shown beside a form field, or null when it has none. */
    static String fieldError(String html, String field) {
        var matcher = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\">([^<]*)<").matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }
}
