package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class PlatformIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;

    @Test
    void unknownApiAddressesAnswerWithAProblemNotAPage() throws Exception {
        var result = mvc.get().uri("/api/v1/nothing-here").header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer())
                .accept(MediaType.APPLICATION_JSON).exchange();
        assertThat(result).hasStatus(404);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("type").asString())
                .isEqualTo("urn:opsline:problem:not-found");
    }

    @Test
    void anApiAddressAskedWithTheWrongMethodSaysWhichMethodsItTakes() throws Exception {
        var result = mvc.patch().uri("/api/v1/cis").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .exchange();
        assertThat(result).hasStatus(405);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(result.getResponse().getHeader(HttpHeaders.ALLOW)).contains("GET", "POST");
    }

    @Test
    void unknownPagesShowTheFriendlyErrorPage() throws Exception {
        var result = mvc.get().uri("/cis/" + java.util.UUID.randomUUID()).accept(MediaType.TEXT_HTML)
                .with(user(accounts.viewer().username()).roles("VIEWER")).exchange();
        assertThat(result).hasStatus(404);
        assertThat(result.getResponse().getContentAsString()).contains("Not Found", "Go to the start page")
                .doesNotContain("Exception", "at io.opsline");
    }

    @Test
    void everyResponseCarriesARequestIdAndKeepsASaneOneFromTheCaller() {
        var generated = mvc.get().uri("/login").exchange();
        assertThat(generated.getResponse().getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
        var given = mvc.get().uri("/login").header("X-Request-Id", "trace-42").exchange();
        assertThat(given.getResponse().getHeader("X-Request-Id")).isEqualTo("trace-42");
        var hostile = mvc.get().uri("/login").header("X-Request-Id", "<script>alert(1)</script>").exchange();
        assertThat(hostile.getResponse().getHeader("X-Request-Id")).doesNotContain("<");
    }

    @Test
    void pagesAreServedWithProtectiveHeaders() {
        var result = mvc.get().uri("/login").exchange();
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'self'",
                "frame-ancestors 'none'");
        assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(result.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void publishesAnOpenApiDescriptionOfTheRestApi() throws Exception {
        var result = mvc.get().uri("/api/openapi").exchange();
        assertThat(result).hasStatusOk();
        var document = json.readTree(result.getResponse().getContentAsString());
        assertThat(document.get("openapi").asString()).startsWith("3.");
        assertThat(document.get("paths").propertyNames()).contains("/api/v1/cis", "/api/v1/cis/{id}",
                "/api/v1/cis/{id}/impact", "/api/v1/relationships", "/api/v1/import", "/api/v1/export",
                "/api/v1/users", "/api/v1/teams", "/api/v1/tokens", "/api/v1/audit", "/api/v1/audit/verify");
        assertThat(document.get("components").get("securitySchemes").get("apiToken").get("scheme").asString())
                .isEqualTo("bearer");
        var yaml = mvc.get().uri("/api/openapi.yaml").exchange();
        assertThat(yaml).hasStatusOk();
        assertThat(yaml.getResponse().getContentAsString()).contains("openapi:", "/api/v1/cis:");
    }

    @Test
    void theLayoutShowsWhoIsSignedInAndOnlyTheAreasTheirRoleMayUse() throws Exception {
        var viewer = accounts.viewer();
        var viewerPage = mvc.get().uri("/cis").with(user(viewer.username()).roles("VIEWER")).exchange()
                .getResponse().getContentAsString();
        assertThat(viewerPage).contains("Skip to content", "data-testid=\"signed-in-user\">" + viewer.username(),
                "Configuration items", "Sign out", "data-theme-toggle").doesNotContain("Administration");
        var adminPage = mvc.get().uri("/cis").with(user(accounts.admin().username()).roles("ADMIN")).exchange()
                .getResponse().getContentAsString();
        assertThat(adminPage).contains("Administration", "/admin/users", "/admin/audit");
    }

    /** The layout names the htmx version in its script path; a version bump in the pom must follow here. */
    @Test
    void everyScriptAndStylesheetTheLayoutUsesIsServed() throws Exception {
        var page = mvc.get().uri("/login").exchange().getResponse().getContentAsString();
        var assets = java.util.regex.Pattern.compile("(?:src|href)=\"(/(?:js|css|webjars|favicon)[^\"]*)\"").matcher(page)
                .results().map(m -> m.group(1)).toList();
        assertThat(assets).contains("/css/opsline.css", "/js/theme.js", "/js/opsline.js")
                .anyMatch(a -> a.startsWith("/webjars/htmx.org/"));
        for (var asset : assets) {
            assertThat(mvc.get().uri(asset).exchange()).as(asset).hasStatusOk();
        }
    }

    @Test
    void theStartPageLeadsToTheFirstArea() {
        var result = mvc.get().uri("/").with(user(accounts.viewer().username()).roles("VIEWER")).exchange();
        assertThat(result).hasStatus3xxRedirection();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/monitoring");
    }
}
