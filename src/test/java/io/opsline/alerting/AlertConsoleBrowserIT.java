package io.opsline.alerting;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.platform.PageRequest;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

/** The alert console in a real browser: order, selecting and acknowledging, and alerts arriving live. */
@OpslineBrowserTest
class AlertConsoleBrowserIT {

    /** Well within the console's own 30 s round: only the server's announcement brings a new alert this soon. */
    private static final Duration LIVE_WAIT = Duration.ofSeconds(10);

    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;

    @Test
    void anOperatorAcknowledgesTwoAlertsAndTheConsolePicksUpANewOneWithoutReloading(Browser browser) {
        var source = unique("browser");
        var warning = raise(source, "api latency high", Severity.WARNING);
        var critical = raise(source, "db-1 is down", Severity.CRITICAL);
        var other = raise(source, "disk filling up", Severity.WARNING);
        var operator = accounts.operator();
        browser.signIn(operator).open("/alerts?source=" + source);

        assertThat(rowIds(browser)).as("the critical alert above the warnings, the newest warning first")
                .containsExactly(critical, other, warning);
        assertThat(text(browser, "tr[data-alert-id='" + critical + "'] .state-badge")).isEqualTo("CRITICAL");
        browser.screenshot("alerts");

        browser.click("[id='select-" + critical + "']");
        browser.byId("select-" + warning).click();
        browser.waitUntil("the selection to be counted",
                d -> browser.find("[data-selected-count]").getText().equals("2 selected"));
        assertThat(browser.find("[data-live-status]").getText()).startsWith("Live refresh paused");
        browser.find("button[formaction='/alerts/acknowledge']").click();

        browser.waitUntil("the outcome", d -> browser.find("[data-testid=outcome]").getText()
                .startsWith("2 acknowledged."));
        assertThat(browser.path()).isEqualTo("/alerts?source=" + source);
        assertThat(rowIds(browser)).as("acknowledged alerts step below the one nobody is on")
                .containsExactly(other, critical, warning);
        for (var acknowledged : List.of(critical, warning)) {
            assertThat(text(browser, "tr[data-alert-id='" + acknowledged + "'] [data-status-badge]"))
                    .isEqualTo("Acknowledged");
        }
        assertThat(alerts.get(critical).acknowledgedBy()).isEqualTo(operator.username());
        browser.screenshot("alerts-acknowledged");

        // A new alert shows up by itself: no reload, the address and filters kept.
        browser.waitUntil("the live stream to open", d -> browser.find("[data-live-status]").getText()
                .equals("Live: updates as alerts change."));
        browser.script("document.body.setAttribute('data-not-reloaded', 'yes');");
        var fresh = raise(source, "payments failing", Severity.CRITICAL);

        new WebDriverWait(browser.driver(), LIVE_WAIT).withMessage("the new alert to appear on its own")
                .ignoring(StaleElementReferenceException.class).until(d -> rowIds(browser).contains(fresh));
        assertThat(rowIds(browser)).as("the new firing critical alert goes on top")
                .containsExactly(fresh, other, critical, warning);
        assertThat(browser.find("body").getAttribute("data-not-reloaded")).isEqualTo("yes");
        assertThat(browser.path()).isEqualTo("/alerts?source=" + source);
        browser.assertNoConsoleProblems();
    }

    @Test
    void theAlertsPageShowsItsTimelineAndAnOperatorAcknowledgesThere(Browser browser) {
        var source = unique("browser");
        var id = raise(source, "db-1 is down", Severity.CRITICAL);
        browser.signIn(accounts.operator()).open("/alerts?source=" + source);

        browser.click("tr[data-alert-id='" + id + "'] a[data-alert-link]");
        browser.waitForPath("/alerts/" + id);
        assertThat(browser.find("[data-testid=timeline] tbody tr").getAttribute("data-kind")).isEqualTo("OPENED");
        browser.find("[data-testid=acknowledge]").click();

        browser.waitUntil("the notice", d -> browser.find(".notice").getText().equals("Alert acknowledged."));
        assertThat(browser.find("[data-status-badge]").getText()).isEqualTo("Acknowledged");
        assertThat(browser.findAll("[data-testid=timeline] tbody tr")).hasSize(2);
        browser.assertNoConsoleProblems();
    }

    private UUID raise(String source, String summary, Severity severity) {
        var key = UUID.randomUUID().toString();
        intake.accept(List.of(new Event(source, key, EventAction.TRIGGER, severity, summary, Map.of(), null, null,
                Instant.now(), null)));
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 50)).items()
                .stream().filter(a -> a.dedupKey().equals(key)).findFirst().orElseThrow().id();
    }

    /** An element's text, read again if a refresh replaced the table meanwhile. */
    private static String text(Browser browser, String css) {
        return browser.waitUntil("'" + css + "' read", d -> browser.find(css).getText());
    }

    /** The rows' alerts in order; a refresh may replace the table mid-read, and then it is read again. */
    private static List<UUID> rowIds(Browser browser) {
        return browser.waitUntil("the rows read", d -> browser.findAll("#alert-results tbody tr").stream()
                .map(row -> UUID.fromString(row.getAttribute("data-alert-id"))).toList());
    }
}
