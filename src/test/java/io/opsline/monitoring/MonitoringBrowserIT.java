package io.opsline.monitoring;

import static io.opsline.identity.ApiCalls.unique;
import static io.opsline.testing.FormChecks.assertErrorBeside;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.identity.internal.TeamManagement;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.monitoring.internal.engine.PassiveResults;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

/** The status board in a real browser: order, selecting and acknowledging by keyboard, live refresh. */
@OpslineBrowserTest
class MonitoringBrowserIT {

    /** Longer than Browser's usual wait: the board's own round is 30 s, plus a busy machine's delay. */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(40);

    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement cis;
    @Autowired
    TeamManagement teams;
    @Autowired
    CheckDefinitions checks;
    @Autowired
    PassiveResults results;
    @Autowired
    CheckStateRepository states;
    @Autowired
    Acknowledgements acknowledgements;
    @Autowired
    Downtimes downtimes;

    BoardFixtures fixtures;
    String tag;
    CiView web;
    CiView db;

    @BeforeEach
    void cis() {
        fixtures = new BoardFixtures(cis, teams, checks, results, states, acknowledgements, downtimes);
        tag = unique("live");
        web = fixtures.ci(tag + "-web", tag);
        db = fixtures.ci(tag + "-db", tag);
    }

    @Test
    void anOperatorAcknowledgesTwoProblemsByKeyboardAndTheBoardPicksUpANewOneWithoutReloading(Browser browser) {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL - / 98% used");
        var replication = fixtures.check(db, "replication", 1);
        fixtures.result(replication, "critical", "REPLICATION CRITICAL - lag 3600 s");
        var load = fixtures.check(web, "load", 1);
        fixtures.result(load, "warning", "LOAD WARNING - load 7");
        var tls = fixtures.check(web, "tls", 3);
        fixtures.result(tls, "critical", "TLS CRITICAL - expired");
        var operator = accounts.operator();
        browser.signIn(operator).open("/monitoring?tag=" + tag);

        assertThat(rowIds(browser)).as("unhandled confirmed problems first, the worst first, soft ones last")
                .containsExactly(disk, replication, load, tls);
        assertThat(onBoard(() -> row(browser, disk).getAttribute("class"))).contains("prominent");
        assertThat(onBoard(() -> row(browser, disk).findElement(By.cssSelector(".state-badge")).getText()))
                .isEqualTo("CRITICAL");
        assertThat(onBoard(() -> row(browser, tls).getText())).contains("1/3 soft");
        browser.screenshot("board");

        // Select two rows and acknowledge them, by keyboard only.
        onBoard(() -> {
            checkbox(browser, disk).sendKeys(Keys.SPACE);
            return null;
        });
        checkbox(browser, replication).sendKeys(Keys.SPACE);
        browser.waitUntil("the selection to be counted", d -> browser.find("[data-selected-count]").getText()
                .equals("2 selected"));
        assertThat(browser.find("[data-live-status]").getText()).startsWith("Live refresh paused");
        browser.find("#acknowledge-panel summary").sendKeys(Keys.ENTER);
        browser.waitFor("#acknowledge-panel textarea#comment").sendKeys("replacing the disk, DBA on the replica");
        browser.find("#acknowledge-panel button[type=submit]").sendKeys(Keys.ENTER);

        browser.waitUntil("the outcome of acknowledging", d -> browser.find("[data-testid=outcome]").getText()
                .startsWith("Acknowledged 2 of 2 selected problems."));
        assertThat(browser.path()).isEqualTo("/monitoring?tag=" + tag);
        assertThat(rowIds(browser)).as("acknowledged problems move down, below the one nobody handles")
                .containsExactly(load, disk, replication, tls);
        for (var acknowledged : List.of(disk, replication)) {
            assertThat(onBoard(() -> row(browser, acknowledged).getAttribute("class"))).contains("handled");
            assertThat(onBoard(() -> row(browser, acknowledged)
                    .findElement(By.cssSelector("[data-marker=acknowledged]")).getText()))
                    .startsWith("Acknowledged by " + operator.username());
        }
        assertThat(onBoard(() -> checkbox(browser, disk).isSelected())).as("a fresh page, nothing selected").isFalse();
        browser.screenshot("board-acknowledged");

        // A new problem shows up by itself: no reload, the address and filters kept.
        browser.script("document.body.setAttribute('data-not-reloaded', 'yes');");
        var updated = browser.find("#board-results time").getAttribute("datetime");
        var http = fixtures.check(web, "http", 1);
        fixtures.result(http, "critical", "HTTP CRITICAL - 503 Service Unavailable");

        // Well within the board's own 30 s round: the server's announcement of the change brings it.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .withMessage("the new problem to appear on its own, announced by the server")
                .ignoring(StaleElementReferenceException.class).until(d -> rowIds(browser).contains(http));
        assertThat(rowIds(browser)).as("the new unhandled critical problem goes on top")
                .containsExactly(http, load, disk, replication, tls);
        assertThat(browser.find("body").getAttribute("data-not-reloaded")).isEqualTo("yes");
        assertThat(browser.path()).isEqualTo("/monitoring?tag=" + tag);
        assertThat(browser.find("#board-results time").getAttribute("datetime")).isNotEqualTo(updated);
        browser.assertNoConsoleProblems();
    }

    @Test
    void theBoardDoesNotRefreshUnderSomeonesHandsAndResumesAfterwards(Browser browser) {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL");
        browser.signIn(accounts.operator()).open("/monitoring?tag=" + tag);
        browser.script("""
                window.boardPolls = 0;
                window.boardSwaps = 0;
                document.addEventListener('htmx:beforeRequest', function (e) {
                    if (e.detail.elt.id === 'board-results') { window.boardPolls++; }
                });
                document.addEventListener('htmx:afterSwap', function (e) {
                    if (e.detail.elt.id === 'board-results') { window.boardSwaps++; }
                });""");
        browser.click("[id='select-" + disk + "']");
        var load = fixtures.check(web, "load", 1);
        fixtures.result(load, "warning", "LOAD WARNING");

        waitLong(browser, "a refresh to come due while a row is selected",
                () -> ((Number) browser.script("return window.boardPolls;")).intValue() >= 1);
        assertThat(((Number) browser.script("return window.boardSwaps;")).intValue()).isZero();
        assertThat(rowIds(browser)).containsExactly(disk);
        assertThat(onBoard(() -> checkbox(browser, disk).isSelected())).as("the selection is kept").isTrue();

        checkbox(browser, disk).click();
        waitLong(browser, "the refresh to resume once nothing is selected", () -> rowIds(browser).contains(load));
        assertThat(browser.find("[data-live-status]").getText()).isEqualTo("Live: updates as states change.");

        // An open action panel holds the refresh too, and proposes a downtime from now for two hours.
        browser.find("#downtime-panel summary").click();
        // The browser tells the page of the opened panel in a task of its own, a moment after the click.
        browser.waitUntil("a window proposed", d -> !browser.find("#start").getDomProperty("value").isEmpty());
        assertThat(browser.find("#end").getDomProperty("value")).isNotEmpty();
        assertThat(browser.find("[data-live-status]").getText()).startsWith("Live refresh paused");
        browser.assertNoConsoleProblems();
    }

    @Test
    void theCheckPageShowsTheProblemAndTakesAnAcknowledgement(Browser browser) {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL - / 98% used\n/var 91%\n| used=98%;80;90;0;100");
        browser.signIn(accounts.operator()).open("/monitoring?tag=" + tag);

        browser.click("#board-results tr[data-check-id='" + disk + "'] a[data-check-link]");

        browser.waitForPath("/checks/" + disk);
        assertThat(browser.find("[data-testid=state-line]").getText()).contains("CRITICAL", "1/1 hard");
        assertThat(browser.find("[data-testid=output]").getText()).isEqualTo("DISK CRITICAL - / 98% used");
        assertThat(browser.find("[data-testid=long-output]").getText()).isEqualTo("/var 91%");
        assertThat(browser.findAll("[data-testid=perf-data] tbody tr")).hasSize(1);
        assertThat(browser.find("#check-graph").getAttribute("data-check-id")).isEqualTo(disk.toString());
        // The result's measurement is drawn: the check page carries the graph of its series.
        browser.waitFor("#check-graph [data-graph-charts] canvas");
        browser.find("#acknowledge-heading ~ form button[type=submit]").click();
        browser.waitFor(".error-summary");
        assertErrorBeside(browser, "comment", "is required");

        browser.type("#comment", "on it");
        browser.find("#acknowledge-heading ~ form button[type=submit]").click();

        browser.waitUntil("the notice", d -> browser.find(".notice").getText().equals("Problem acknowledged."));
        assertThat(browser.find("[data-testid=acknowledgement]").getText()).contains("on it");
        assertThat(browser.find("[data-testid=history] tbody tr").getAttribute("data-kind")).isEqualTo("ACKNOWLEDGED");
        browser.screenshot("check-acknowledged");
        browser.assertNoConsoleProblems();
    }

    private static List<UUID> rowIds(Browser browser) {
        return onBoard(() -> browser.findAll("#board-results tbody tr").stream()
                .map(row -> UUID.fromString(row.getAttribute("data-check-id"))).toList());
    }

    /** Reads the board; the server's announcement of a change may replace the table mid-read, and then it is read again. */
    private static <T> T onBoard(java.util.function.Supplier<T> read) {
        for (int attempt = 1;; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static WebElement row(Browser browser, UUID checkId) {
        return browser.find("#board-results tr[data-check-id='" + checkId + "']");
    }

    private static WebElement checkbox(Browser browser, UUID checkId) {
        return browser.byId("select-" + checkId);
    }

    private static void waitLong(Browser browser, String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser.driver(), REFRESH_WAIT).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(d -> condition.getAsBoolean());
    }
}
