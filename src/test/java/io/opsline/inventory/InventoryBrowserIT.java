package io.opsline.inventory;

import static io.opsline.testing.FormChecks.assertErrorBeside;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.inventory.internal.CiFilter;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.platform.PageRequest;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

@OpslineBrowserTest
class InventoryBrowserIT {

    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    CiFixtures fixtures() {
        return new CiFixtures(cis, relationships);
    }

    @Test
    void theListFiltersAsYouTypeAndChooseWithoutReloadingThePage(Browser browser) {
        var prefix = unique("flt");
        create("server", prefix + "-web", "linux");
        create("database", prefix + "-db");
        create("application", prefix + "-app");
        browser.signIn(accounts.operator()).open("/cis");
        browser.script("document.body.setAttribute('data-not-reloaded', 'yes');");

        browser.find("#q").sendKeys(prefix);

        waitForRows(browser, prefix + "-app", prefix + "-db", prefix + "-web");
        browser.waitUntil("the address to carry the search", d -> browser.path().contains("q=" + prefix));
        browser.choose("select[name=class]", "database");
        waitForRows(browser, prefix + "-db");
        browser.waitUntil("the address to carry the class", d -> browser.path().contains("class=database"));
        assertThat(browser.find("body").getAttribute("data-not-reloaded"))
                .as("htmx swapped the results; the page was not reloaded").isEqualTo("yes");
        browser.screenshot("cis-filtered");

        // The address is the state: reloading it shows the same filters and results.
        browser.driver().navigate().refresh();
        waitForRows(browser, prefix + "-db");
        assertThat(browser.find("#q").getDomProperty("value")).isEqualTo(prefix);
        assertThat(browser.find("select[name=class]").getDomProperty("value")).isEqualTo("database");

        // Back goes to the previous filter, as people expect from a list whose address changes.
        browser.driver().navigate().back();
        waitForRows(browser, prefix + "-app", prefix + "-db", prefix + "-web");

        browser.choose("select[name=tag]", "linux");
        waitForRows(browser, prefix + "-web");
        browser.type("#q", prefix + "-nothing-like-this");
        browser.waitUntil("the empty-list message", d -> browser.find("#ci-results td.empty").getText()
                .startsWith("No configuration items match."));
    }

    @Test
    void pagesThroughALongListKeepingTheSearch(Browser browser) {
        var prefix = unique("pg");
        for (int i = 0; i < 55; i++) {
            create("server", "%s-%03d".formatted(prefix, i));
        }
        browser.signIn(accounts.operator()).open("/cis");

        browser.find("#q").sendKeys(prefix);

        browser.waitUntil("the pager for 55 items", d -> browser.find("#ci-results .pager").getText()
                .startsWith("Showing 1–50 of 55"));
        assertThat(rows(browser)).hasSize(50).startsWith(prefix + "-000").endsWith(prefix + "-049");
        assertThat(browser.find(".pager-current").getText()).isEqualTo("Page 1 of 2");
        browser.find("#ci-results .pager a[rel=next]").click();

        browser.waitUntil("the second page", d -> browser.path().contains("page=1"));
        assertThat(rows(browser)).containsExactly(prefix + "-050", prefix + "-051", prefix + "-052", prefix + "-053",
                prefix + "-054");
        assertThat(browser.find(".pager").getText()).startsWith("Showing 51–55 of 55");
        assertThat(browser.find("#q").getDomProperty("value")).isEqualTo(prefix);
        browser.find(".pager a[rel=prev]").click();
        browser.waitUntil("the first page again", d -> browser.path().contains("page=0"));
        assertThat(rows(browser)).hasSize(50);
    }

    @Test
    void createsACiAfterShowingEachMistakeBesideItsField(Browser browser) {
        var name = unique("new");
        browser.signIn(accounts.operator()).open("/cis");
        browser.find("a[href='/cis/new']").click();
        browser.waitForPath("/cis/new");

        browser.choose("#class", "server");
        browser.type("[id='addresses']", "10.0.0.300 web01.example.com");
        browser.type("#tags", "linux, web");
        browser.pick("lifecycle.purchaseDate", "2024-05-01");
        browser.pick("lifecycle.warrantyEnd", "2023-05-01");
        browser.find("form.stack button[type=submit]").click();

        var summary = browser.waitFor(".error-summary");
        browser.waitUntil("the error summary to have the focus", d -> summary.equals(browser.focused()));
        assertThat(summary.getAttribute("role")).isEqualTo("alert");
        assertThat(summary.findElements(By.cssSelector("a")).stream().map(a -> a.getAttribute("href")))
                .allMatch(href -> href.contains("#")).hasSize(3);
        assertErrorBeside(browser, "name", "is required");
        assertErrorBeside(browser, "addresses", "'10.0.0.300' is neither an IP address nor a host name");
        assertErrorBeside(browser, "lifecycle.warrantyEnd", "must not be before the purchase date");
        assertThat(browser.findAll(".field-error")).hasSize(3);
        assertThat(browser.byId("tags").getDomProperty("value")).as("what was typed is kept").isEqualTo("linux, web");
        assertThat(browser.byId("class").getDomProperty("value")).isEqualTo("server");
        assertThat(browser.byId("lifecycle.purchaseDate").getDomProperty("value")).isEqualTo("2024-05-01");
        browser.screenshot("ci-form-errors");

        // The summary's links take keyboard users straight to the field.
        summary.findElement(By.cssSelector("a[href='#name']")).click();
        browser.waitUntil("the name field to have the focus", d -> "name".equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys(name);
        browser.type("[id='addresses']", "10.0.0.30 web01.example.com");
        browser.pick("lifecycle.warrantyEnd", "2027-05-01");
        browser.find("form.stack button[type=submit]").click();

        browser.waitUntil("the new CI's page", d -> browser.path().matches("/cis/[0-9a-f-]{36}"));
        assertThat(browser.find(".notice").getText()).isEqualTo("Server " + name + " created.");
        assertThat(browser.find("main h1").getText()).isEqualTo(name);
        assertThat(browser.find("dl.facts dd.mono").getText()).isEqualTo("10.0.0.30, web01.example.com");
        assertThat(browser.findAll(".error-summary")).isEmpty();
    }

    @Test
    void theCiPageDrawsTheImpactGraphAndTakesNewRelationshipsFromThePicker(Browser browser) {
        var prefix = unique("rel");
        var app = create("application", prefix + "-app");
        var vm = create("virtual_machine", prefix + "-vm");
        var shop = create("business_service", prefix + "-shop");
        relate(shop, "depends_on", app);
        browser.signIn(accounts.operator()).open("/cis/" + app.id());

        var graph = browser.waitFor("[data-testid=impact-graph] svg");
        assertThat(boxTitles(browser)).containsExactlyInAnyOrder(prefix + "-app", prefix + "-shop");
        assertThat(box(browser, prefix + "-app").getAttribute("class")).contains("root");
        assertThat(box(browser, prefix + "-shop").getAttribute("class")).contains("service");
        assertThat(graph.getAttribute("aria-label")).isEqualTo("Impact graph of " + prefix + "-app");
        assertThat(browser.find("[data-testid=impacted-count]").getText()).isEqualTo("1");
        assertThat(browser.find(".alert-warning").getText()).contains(prefix + "-shop");
        assertThat(relationshipRows(browser)).containsExactly("used by " + prefix + "-shop");

        browser.choose("#relation", "runs_on");
        browser.find("#candidate-search").sendKeys(prefix + "-vm");
        browser.waitFor("#other option[value='" + vm.id() + "']");
        assertThat(browser.find("#other option").getText()).isEqualTo("1 match(es): choose one");
        browser.choose("#other", vm.id().toString());
        browser.find("form[aria-label='Add a relationship'] button[type=submit]").click();

        browser.waitUntil("the notice about the new relationship", d -> browser.find(".notice").getText()
                .equals("Added: %s-app runs on %s-vm.".formatted(prefix, prefix)));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#relationships");
        assertThat(relationshipRows(browser)).containsExactlyInAnyOrder("used by " + prefix + "-shop",
                "runs on " + prefix + "-vm");
        assertThat(boxTitles(browser)).containsExactlyInAnyOrder(prefix + "-app", prefix + "-shop", prefix + "-vm");
        var root = x(box(browser, prefix + "-app"));
        assertThat(x(box(browser, prefix + "-vm"))).as("what it needs is drawn to its left").isLessThan(root);
        assertThat(x(box(browser, prefix + "-shop"))).as("what it affects is drawn to its right").isGreaterThan(root);
        assertThat(box(browser, prefix + "-vm").findElement(By.cssSelector("a")).getDomAttribute("href"))
                .endsWith("/cis/" + vm.id());
        browser.screenshot("ci-with-graph");

        browser.type("#candidate-search", "no-such-ci-" + prefix);
        browser.waitUntil("the picker to say nothing matched",
                d -> browser.find("#other option").getText().equals("No match"));
    }

    @Test
    void deletesACiOnlyAfterTheConfirmDialogIsAccepted(Browser browser) {
        var prefix = unique("del");
        var doomed = create("server", prefix + "-srv");
        relate(create("application", prefix + "-app"), "runs_on", doomed);
        browser.signIn(accounts.operator()).open("/cis/" + doomed.id());

        browser.find(".page-header button.danger").click();
        var dialog = browser.awaitDialog();
        assertThat(dialog.getText()).isEqualTo("Delete " + prefix + "-srv and its 1 relationship(s)?");
        dialog.dismiss();
        assertThat(browser.path()).isEqualTo("/cis/" + doomed.id());
        assertThat(cis.search(new CiFilter(prefix + "-srv", null, null, null, null, null, null, null), PageRequest.of(0, null))
                .total()).as("still there").isEqualTo(1);

        browser.find(".page-header button.danger").click();
        browser.awaitDialog().accept();

        browser.waitForPath("/cis");
        assertThat(browser.find(".notice").getText()).isEqualTo("Server " + prefix + "-srv deleted.");
        browser.expectHttpError(404);
        browser.open("/cis/" + doomed.id());
        assertThat(browser.find(".error-code").getText()).isEqualTo("404");
    }

    CiView create(String ciClass, String name, String... tags) {
        return fixtures().create(ciClass, name, tags);
    }

    void relate(CiView source, String type, CiView target) {
        fixtures().relate(source, type, target);
    }

    static void waitForRows(Browser browser, String... names) {
        browser.waitUntil("the list to show exactly " + List.of(names), d -> rows(browser).equals(List.of(names)));
    }

    static List<String> rows(Browser browser) {
        return browser.findAll("#ci-results tbody tr td:first-child a").stream().map(WebElement::getText).toList();
    }

    static List<String> relationshipRows(Browser browser) {
        return browser.findAll("#relationships tbody tr").stream()
                .map(row -> row.findElements(By.cssSelector("td")))
                .filter(cells -> cells.size() > 1)
                .map(cells -> cells.get(0).getText() + " " + cells.get(1).getText())
                .toList();
    }

    static List<String> boxTitles(Browser browser) {
        return browser.findAll("[data-testid=impact-graph] g.node").stream()
                .map(node -> node.findElement(By.cssSelector("text")).getText()).toList();
    }

    static WebElement box(Browser browser, String title) {
        return browser.findAll("[data-testid=impact-graph] g.node").stream()
                .filter(node -> node.findElement(By.cssSelector("text")).getText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no box titled " + title));
    }

    static double x(WebElement box) {
        return Double.parseDouble(box.findElement(By.cssSelector("rect")).getAttribute("x"));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
