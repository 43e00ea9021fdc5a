package io.opsline.identity;

import static io.opsline.testing.FormChecks.assertErrorBeside;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

@OpslineBrowserTest
class AdminBrowserIT {

    @Autowired
    TestAccounts accounts;

    @Test
    void anAdminCreatesAUserAfterFixingWhatTheFormPointsOut(Browser browser) {
        var username = unique("user");
        browser.signInAsAdmin().open("/admin/users");
        browser.find("main a[href='/admin/users/new']").click();
        browser.waitForPath("/admin/users/new");

        browser.type("#username", "has space").type("#displayName", "Ada Lovelace").type("#email", "ada@example.com")
                .choose("#role", "operator").type("#password", "short");
        submit(browser);

        var summary = browser.waitFor(".error-summary");
        browser.waitUntil("the error summary to have the focus", d -> summary.equals(browser.focused()));
        assertErrorBeside(browser, "username", "may contain letters, digits and . _ @ - and must be 2 to 100 characters");
        assertErrorBeside(browser, "password", "must be at least 10 characters");
        assertThat(browser.find("#displayName").getDomProperty("value")).isEqualTo("Ada Lovelace");
        assertThat(browser.find("#role").getDomProperty("value")).isEqualTo("operator");
        assertThat(browser.find("#password").getDomProperty("value")).as("a password is never sent back").isEmpty();
        browser.screenshot("user-form-errors");

        createdUser(browser, username);

        assertThat(browser.find("main h1").getText()).isEqualTo(username);
        browser.open("/admin/users?q=" + username);
        var cells = browser.findAll("main tbody tr td").stream().map(WebElement::getText).toList();
        assertThat(cells).containsExactly(username, "Ada Lovelace", "ada@example.com", "OPERATOR", "", "enabled");
    }

    @Test
    void anAdminCreatesATeamWithAMember(Browser browser) {
        var member = accounts.fresh(Role.VIEWER);
        var team = unique("team");
        browser.signInAsAdmin().open("/admin/teams/new");

        submit(browser);
        browser.waitFor(".error-summary");
        assertErrorBeside(browser, "name", "is required");

        browser.type("#name", team).type("#description", "Keeps the lights on");
        browser.find("#member-" + member.id()).click();
        submit(browser);

        browser.waitUntil("the new team's page", d -> browser.path().matches("/admin/teams/[0-9a-f-]{36}"));
        assertThat(browser.find(".notice").getText()).isEqualTo("Team " + team + " created.");
        assertThat(browser.find("#member-" + member.id()).isSelected()).isTrue();
        browser.open("/admin/teams");
        var row = browser.find("main tbody").findElements(By.tagName("tr")).stream()
                .filter(r -> r.getText().startsWith(team)).findFirst().orElseThrow();
        assertThat(row.getText()).isEqualTo(team + " Keeps the lights on 1");
    }

    @Test
    void anApiTokenIsShownOnceWorksAndStopsWorkingWhenRevoked(Browser browser) throws Exception {
        var name = unique("token");
        browser.signInAsAdmin();

        var secret = createdToken(browser, name);

        assertThat(secret).isNotBlank();
        var shown = browser.find("[data-testid=new-token]");
        assertThat(browser.style(shown, "background-color")).as("the one-time secret stands out from the other cards")
                .isNotEqualTo(browser.style(browser.find("form.card"), "background-color"));
        assertThat(apiStatus(browser, secret)).as("the secret shown is a working token").isEqualTo(200);
        browser.screenshot("token-created");
        browser.open("/account/tokens");
        assertThat(browser.findAll("[data-testid=new-token]")).as("shown only once").isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        assertThat(tokenState(browser, name)).isEqualTo("active");

        revoke(browser, name);

        assertThat(tokenState(browser, name)).isEqualTo("revoked");
        assertThat(tokenRow(browser, name).findElements(By.cssSelector("button"))).isEmpty();
        assertThat(apiStatus(browser, secret)).isEqualTo(401);
    }

    @Test
    void theAuditLogListsWhatAnAdminDidAndItsChainVerifies(Browser browser) {
        var mark = unique("aud");
        browser.signInAsAdmin().open("/admin/users/new");
        browser.type("#username", mark + "-user").type("#password", "long-enough-password");
        submit(browser);
        browser.waitUntil("the new user's page", d -> browser.path().matches("/admin/users/[0-9a-f-]{36}"));
        browser.open("/admin/teams/new").type("#name", mark + "-team");
        submit(browser);
        browser.waitUntil("the new team's page", d -> browser.path().matches("/admin/teams/[0-9a-f-]{36}"));
        createdToken(browser, mark + "-token");
        revoke(browser, mark + "-token");

        browser.open("/admin/audit");
        browser.type("form.filters input[name=text]", mark);
        browser.find("form.filters button[type=submit]").click();
        browser.waitUntil("the audit log filtered by " + mark, d -> browser.path().contains("text=" + mark));

        var rows = browser.findAll("main tbody tr");
        assertThat(rows.stream().map(r -> r.findElement(By.cssSelector("td:nth-child(5)")).getText()))
                .containsExactly("token.revoke", "token.create", "team.create", "user.create");
        assertThat(rows.stream().map(r -> r.findElement(By.cssSelector("td:nth-child(3)")).getText())).containsOnly("admin");
        assertThat(rows.stream().map(r -> r.findElement(By.cssSelector("td:nth-child(4)")).getText())).containsOnly("ui");

        browser.find("main .page-header button[type=submit]").click();

        var verification = browser.waitFor("[data-testid=audit-verification]");
        assertThat(verification.getText()).startsWith("Chain intact.").endsWith("records checked.");
        assertThat(verification.getAttribute("class")).doesNotContain("alert-error");
        browser.screenshot("audit-verified");
    }

    @Test
    void aViewerGetsTheForbiddenPageForAdministrationAndStaysSignedIn(Browser browser) {
        var viewer = accounts.viewer();
        browser.signIn(viewer);
        browser.expectHttpError(403);

        browser.open("/admin/users");

        assertThat(browser.driver().getTitle()).isEqualTo("403 Forbidden · Opsline");
        assertThat(browser.find(".error-code").getText()).isEqualTo("403");
        assertThat(browser.find("main h1").getText()).isEqualTo("Forbidden");
        assertThat(browser.find(".error-page").getText()).contains("Your role does not allow this page or action.");
        assertThat(browser.findAll("main tbody tr")).as("no user list leaks").isEmpty();
        // Still signed in, and the page says so: header and navigation as on every other page.
        assertThat(browser.find("[data-testid=signed-in-user]").getText()).isEqualTo(viewer.username());
        assertThat(browser.findAll("nav.sidebar a").stream().map(WebElement::getText))
                .containsExactly("Status board", "Checks", "Explore", "Targets", "Rules", "Alerts", "Alert groups", "Silences", "Channels", "On-call",
                        "Escalation policies", "Routing", "Incidents", "Problems", "Reviews", "Requests", "Knowledge", "Reports",
                        "Configuration items", "Import / export", "My tickets", "My requests");
        browser.screenshot("forbidden");
        browser.find(".error-page a.button").click();
        browser.waitForPath("/monitoring");
    }

    /** Fills the new-user form correctly, submits it and waits for the user's page. */
    static void createdUser(Browser browser, String username) {
        browser.type("#username", username).type("#password", "long-enough-password");
        submit(browser);
        browser.waitUntil("the new user's page", d -> browser.path().matches("/admin/users/[0-9a-f-]{36}"));
        assertThat(browser.find(".notice").getText()).isEqualTo("User " + username + " created.");
    }

    /** Creates a viewer token on the tokens page and returns the secret it shows. */
    static String createdToken(Browser browser, String name) {
        browser.open("/account/tokens").type("#name", name).choose("#role", "viewer");
        browser.find("form.card button[type=submit]").click();
        var shown = browser.waitFor("[data-testid=new-token]");
        assertThat(shown.findElement(By.tagName("h2")).getText()).contains(name);
        return browser.find("#new-token-secret").getText();
    }

    static void revoke(Browser browser, String name) {
        browser.open("/account/tokens");
        tokenRow(browser, name).findElement(By.cssSelector("button.danger")).click();
        var dialog = browser.awaitDialog();
        assertThat(dialog.getText()).isEqualTo("Revoke token " + name + "? Scripts using it will stop working.");
        dialog.accept();
        browser.waitUntil("the revocation notice",
                d -> browser.findAll(".notice").stream().anyMatch(n -> n.getText().equals("The token has been revoked.")));
    }

    static WebElement tokenRow(Browser browser, String name) {
        return browser.findAll("main tbody tr").stream()
                .filter(r -> r.findElement(By.cssSelector("td")).getText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no token row " + name));
    }

    static String tokenState(Browser browser, String name) {
        return tokenRow(browser, name).findElement(By.cssSelector(".badge")).getText();
    }

    static int apiStatus(Browser browser, String secret) {
        try (var client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create(browser.baseUrl() + "/api/v1/cis?size=1"))
                    .header("Authorization", "Bearer " + secret).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void submit(Browser browser) {
        browser.find("form.stack button.primary[type=submit]").click();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
