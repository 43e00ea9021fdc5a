package io.opsline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.identity.Role;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.engine.PassiveResultInput;
import io.opsline.monitoring.internal.engine.PassiveResults;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

@OpslineBrowserTest
class ThemeBrowserIT {

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;
    @Autowired
    CheckDefinitions checks;
    @Autowired
    PassiveResults results;

    @Test
    void theThemeButtonCyclesSystemLightDarkAndTheChoiceSurvivesAReload(Browser browser) {
        browser.signIn(accounts.operator()).open("/cis");
        assertTheme(browser, "system", false);

        toggle(browser);
        assertTheme(browser, "light", false);
        assertThat(browser.script("return localStorage.getItem('opsline-theme');")).isEqualTo("light");

        toggle(browser);
        assertTheme(browser, "dark", true);
        browser.driver().navigate().refresh();
        assertTheme(browser, "dark", true);
        browser.open("/inventory/transfer");
        assertTheme(browser, "dark", true);

        toggle(browser);
        assertTheme(browser, "system", false);
        browser.driver().navigate().refresh();
        assertTheme(browser, "system", false);
    }

    @Test
    void systemFollowsTheOperatingSystemButAChosenThemeWins(Browser browser) {
        browser.preferColorScheme("dark").open("/login");
        assertTheme(browser, "system", true);

        browser.useTheme("light");
        assertTheme(browser, "light", false);

        browser.useTheme("dark");
        assertTheme(browser, "dark", true);
    }

    @Test
    void theConsoleCheckCatchesAnInlineScriptTheContentSecurityPolicyBlocks(Browser browser) {
        browser.open("/login");

        var ran = browser.script("""
                var script = document.createElement('script');
                script.textContent = 'window.inlineScriptRan = true;';
                document.head.appendChild(script);
                return window.inlineScriptRan === true;""");

        assertThat(ran).as("the CSP blocks inline scripts").isEqualTo(false);
        assertThat(browser.consoleProblems()).anyMatch(problem -> problem.contains("Content Security Policy"));
    }

    @Test
    void theMainPagesShowNoScriptErrorsOrPolicyViolationsInEitherTheme(Browser browser) {
        var prefix = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        var fixtures = new CiFixtures(cis, relationships);
        var app = fixtures.create("application", prefix + "-app");
        var vm = fixtures.create("virtual_machine", prefix + "-vm");
        var shop = fixtures.create("business_service", prefix + "-shop");
        fixtures.relate(app, "runs_on", vm);
        fixtures.relate(shop, "depends_on", app);
        var check = TestAccounts.actingAs("admin", Role.ADMIN, () -> checks.create(new CheckInput(app.id().toString(),
                "backup", "passive", Map.of("freshnessSeconds", 90_000), null, null, 1, null, true, null))).id();
        results.submit(check, new PassiveResultInput("critical", null, "BACKUP CRITICAL - job failed", null));
        var pages = new LinkedHashMap<String, String>();
        pages.put("cis", "/cis");
        pages.put("ci", "/cis/" + app.id());
        pages.put("ci-edit", "/cis/" + app.id() + "/edit");
        pages.put("ci-new", "/cis/new");
        pages.put("impact", "/cis/" + vm.id() + "/impact");
        pages.put("transfer", "/inventory/transfer");
        pages.put("board", "/monitoring");
        pages.put("checks", "/monitoring/checks");
        pages.put("check", "/checks/" + check);
        pages.put("check-edit", "/checks/" + check + "/edit");
        pages.put("check-new", "/checks/new?ci=" + app.id());
        pages.put("tokens", "/account/tokens");
        pages.put("password", "/account/password");
        pages.put("users", "/admin/users");
        pages.put("user-new", "/admin/users/new");
        pages.put("teams", "/admin/teams");
        pages.put("team-new", "/admin/teams/new");
        pages.put("audit", "/admin/audit");

        for (var theme : List.of("light", "dark")) {
            var dark = theme.equals("dark");
            browser.open("/login").useTheme(theme);
            assertReadable(browser, "login", dark);
            browser.screenshot("login-" + theme);

            browser.signInAsAdmin();
            for (var page : pages.entrySet()) {
                browser.open(page.getValue());
                browser.waitFor("main h1");
                assertReadable(browser, page.getKey(), dark);
                browser.screenshot(page.getKey() + "-" + theme);
            }

            // htmx swaps must not trip the policy either.
            browser.open("/cis").find("#q").sendKeys(prefix);
            browser.waitUntil("the filtered list", d -> browser.findAll("#ci-results tbody tr").size() == 3);
            browser.open("/cis/" + shop.id()).find("#candidate-search").sendKeys(prefix + "-vm");
            browser.waitFor("#other option[value='" + vm.id() + "']");
            browser.assertNoConsoleProblems();

            browser.expectHttpError(404);
            browser.open("/no-such-page");
            assertThat(browser.find(".error-code").getText()).isEqualTo("404");
            assertThat(browser.find("[data-testid=signed-in-user]").getText()).isEqualTo("admin");
            browser.screenshot("not-found-" + theme);
            browser.assertNoConsoleProblems();
            browser.find(".user-menu button[type=submit]").click();
            browser.waitUntil("to be signed out", d -> browser.path().startsWith("/login"));
        }
    }

    void assertReadable(Browser browser, String page, boolean dark) {
        browser.assertNoConsoleProblems();
        assertThat(headingsPushedDownInTheirCards(browser)).as(page + ": card headings sit at the top of their card")
                .isEmpty();
        var background = luminance(browser.style(browser.find("body"), "background-color"));
        var text = luminance(browser.style(browser.find("body"), "color"));
        if (dark) {
            assertThat(background).as(page + " background in the dark theme").isLessThan(0.05);
        } else {
            assertThat(background).as(page + " background in the light theme").isGreaterThan(0.8);
        }
        var contrast = (Math.max(background, text) + 0.05) / (Math.min(background, text) + 0.05);
        assertThat(contrast).as(page + " text contrast (WCAG AA needs 4.5)").isGreaterThanOrEqualTo(4.5);
    }

    /** Headings that open a card but sit lower than the card's padding, e.g. pushed down by a margin. */
    @SuppressWarnings("unchecked")
    static List<String> headingsPushedDownInTheirCards(Browser browser) {
        return (List<String>) browser.script("""
                return Array.from(document.querySelectorAll('.card')).map(function (card) {
                    var first = Array.from(card.children).find(function (c) { return getComputedStyle(c).display !== 'none'; });
                    if (!first || !/^H[1-3]$/.test(first.tagName)) { return null; }
                    var style = getComputedStyle(card);
                    var gap = first.getBoundingClientRect().top - card.getBoundingClientRect().top
                        - parseFloat(style.paddingTop) - parseFloat(style.borderTopWidth);
                    return gap > 1 ? first.textContent.trim() + ' (' + Math.round(gap) + 'px lower)' : null;
                }).filter(function (problem) { return problem !== null; });""");
    }

    static void toggle(Browser browser) {
        browser.find("[data-theme-toggle]").click();
    }

    static void assertTheme(Browser browser, String theme, boolean dark) {
        browser.waitUntil("the theme button to say " + theme,
                d -> browser.find("[data-theme-label]").getText().equals("Theme: " + theme));
        var html = browser.find("html");
        assertThat(html.getAttribute("data-theme-choice")).isEqualTo(theme);
        assertThat(html.getAttribute("data-theme")).as("the theme applied").isEqualTo(dark ? "dark" : "light");
        var background = luminance(browser.style(browser.find("body"), "background-color"));
        if (dark) {
            assertThat(background).as("body background in " + theme + " looks dark").isLessThan(0.05);
        } else {
            assertThat(background).as("body background in " + theme + " looks light").isGreaterThan(0.8);
        }
    }

    /** Relative luminance (WCAG) of a CSS {@code rgb(…)} colour: 0 is black, 1 is white. */
    static double luminance(String cssColour) {
        var m = RGB.matcher(cssColour);
        assertThat(m.find()).as("a colour: " + cssColour).isTrue();
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            var v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
