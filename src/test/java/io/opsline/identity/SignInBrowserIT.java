package io.opsline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

@OpslineBrowserTest
class SignInBrowserIT {

    @Autowired
    TestAccounts accounts;

    @Test
    void someoneNotSignedInIsSentToTheSignInPage(Browser browser) {
        browser.open("/cis");
        browser.waitForPath("/login");

        assertThat(browser.driver().getTitle()).isEqualTo("Sign in · Opsline");
        assertThat(browser.find("main h1").getText()).isEqualTo("Sign in to Opsline");
        assertThat(browser.findAll("[data-testid=signed-in-user]")).isEmpty();
        assertThat(browser.findAll("nav.sidebar")).isEmpty();
        assertThat(browser.focused().getAttribute("id")).as("the username field has the focus").isEqualTo("username");
        browser.screenshot("login");
    }

    @Test
    void aWrongPasswordSaysSoAndSignsNobodyIn(Browser browser) {
        var account = accounts.fresh(Role.VIEWER);

        browser.open("/login").type("#username", account.username()).type("#password", "not-" + account.password());
        browser.find("form button[type=submit]").click();

        browser.waitForPath("/login?error");
        var error = browser.waitFor("[data-testid=login-error]");
        assertThat(error.getText()).isEqualTo("Wrong username or password.");
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findAll("[data-testid=signed-in-user]")).isEmpty();
        browser.screenshot("login-wrong-password");

        // An unknown user gets the very same answer, so the page does not tell which usernames exist.
        browser.type("#username", "nobody-" + account.username()).type("#password", "whatever-password");
        browser.find("form button[type=submit]").click();
        browser.waitForPath("/login?error");
        assertThat(browser.waitFor("[data-testid=login-error]").getText()).isEqualTo("Wrong username or password.");
    }

    @Test
    void theAdminLandsOnTheStatusBoardWithAdministrationInTheNavigation(Browser browser) {
        browser.signInAsAdmin();

        browser.waitForPath("/monitoring");
        assertThat(text(browser.find("[data-testid=signed-in-user]"))).isEqualTo("admin");
        assertThat(text(browser.find(".user-menu .role-badge"))).isEqualTo("admin");
        assertThat(navigationAreas(browser)).containsExactly("Monitoring", "Metrics", "Alerting", "Service desk", "Inventory", "Administration",
                "Self-service");
        assertThat(navigationLinks(browser)).containsExactly("Status board", "Checks", "Explore", "Targets", "Rules", "Alerts", "Alert groups", "Silences", "Channels", "On-call",
                "Escalation policies", "Routing", "Incidents", "Problems", "Reviews", "Requests", "Knowledge", "Reports",
                "Configuration items",
                "Import / export", "Users", "Teams", "Audit log", "Customers", "My tickets", "My requests");
        var current = browser.find("nav.sidebar a[aria-current=page]");
        assertThat(text(current)).isEqualTo("Status board");
        browser.screenshot("board-as-admin");
    }

    @Test
    void aViewerSeesTheInventoryButNoAdministration(Browser browser) {
        var viewer = accounts.viewer();

        browser.signIn(viewer);

        browser.waitForPath("/monitoring");
        assertThat(text(browser.find("[data-testid=signed-in-user]"))).isEqualTo(viewer.username());
        assertThat(text(browser.find(".user-menu .role-badge"))).isEqualTo("viewer");
        assertThat(navigationAreas(browser)).containsExactly("Monitoring", "Metrics", "Alerting", "Service desk", "Inventory", "Self-service");
        assertThat(navigationLinks(browser)).containsExactly("Status board", "Checks", "Explore", "Targets", "Rules", "Alerts", "Alert groups", "Silences", "Channels", "On-call",
                "Escalation policies", "Routing", "Incidents", "Problems", "Reviews", "Requests", "Knowledge", "Reports",
                "Configuration items",
                "Import / export", "My tickets", "My requests");
        browser.open("/cis");
        assertThat(browser.findAll("a[href='/cis/new']")).as("no New CI button for a viewer").isEmpty();
    }

    @Test
    void anOperatorSignsInAndSeesTheirRole(Browser browser) {
        var operator = accounts.operator();

        browser.signIn(operator);

        browser.waitForPath("/monitoring");
        assertThat(text(browser.find("[data-testid=signed-in-user]"))).isEqualTo(operator.username());
        assertThat(text(browser.find(".user-menu .role-badge"))).isEqualTo("operator");
        assertThat(navigationAreas(browser)).containsExactly("Monitoring", "Metrics", "Alerting", "Service desk", "Inventory", "Self-service");
        browser.open("/cis");
        assertThat(browser.findAll("a[href='/cis/new']")).hasSize(1);
    }

    @Test
    void signingOutReturnsToTheSignInPageWithANotice(Browser browser) {
        browser.signIn(accounts.operator());

        browser.find(".user-menu button[type=submit]").click();

        browser.waitForPath("/login?signedOut");
        assertThat(browser.waitFor(".notice").getText()).isEqualTo("You have signed out.");
        assertThat(browser.findAll("[data-testid=signed-in-user]")).isEmpty();
        browser.open("/cis");
        browser.waitForPath("/login");
    }

    @Test
    void afterSigningInPeopleArriveWhereTheyWereGoing(Browser browser) {
        var operator = accounts.operator();
        browser.open("/inventory/transfer");
        browser.waitForPath("/login");

        browser.type("#username", operator.username()).type("#password", operator.password());
        browser.find("form button[type=submit]").click();

        browser.waitUntil("to arrive at the import page", d -> browser.path().startsWith("/inventory/transfer"));
        assertThat(browser.find("main h1").getText()).isEqualTo("Import and export");
    }

    static java.util.List<String> navigationAreas(Browser browser) {
        return browser.findAll("nav.sidebar h2").stream().map(SignInBrowserIT::text).toList();
    }

    static java.util.List<String> navigationLinks(Browser browser) {
        return browser.findAll("nav.sidebar a").stream().map(SignInBrowserIT::text).toList();
    }

    /** The text as written in the page; getText() would return it as CSS shows it (e.g. upper case). */
    static String text(WebElement element) {
        return element.getDomProperty("textContent").strip();
    }
}
