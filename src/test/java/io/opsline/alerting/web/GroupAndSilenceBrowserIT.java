package io.opsline.alerting.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.correlate.GroupingRuleInput;
import io.opsline.alerting.internal.correlate.GroupingRules;
import io.opsline.alerting.internal.correlate.LabelMatcher;
import io.opsline.platform.PageRequest;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

/** Alert groups and silences in a real browser: a group acknowledged, alerts silenced from the console. */
@OpslineBrowserTest
class GroupAndSilenceBrowserIT {

    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    AlertGroups groups;
    @Autowired
    GroupingRules rules;

    @Test
    void anOperatorAcknowledgesAGroupOnItsPage(Browser browser) {
        var source = unique("browser");
        rules.create(new GroupingRuleInput("by cluster " + source, List.of(new LabelMatcher("source", source, false)),
                List.of("cluster"), null, null));
        var root = raise(source, "db cluster down", Severity.CRITICAL, Map.of("cluster", "eu-1"));
        var joined = raise(source, "replica lagging", Severity.WARNING, Map.of("cluster", "eu-1"));
        var group = groups.groupOf(root).orElseThrow();
        browser.signIn(accounts.operator()).open("/alerts/groups");
        browser.screenshot("alert-groups");

        browser.click("tr[data-group-id='" + group + "'] a[data-group-link]");
        browser.waitForPath("/alerts/groups/" + group);
        assertThat(browser.findAll("[data-testid=members] tbody tr").stream().map(r -> r.getAttribute("data-alert-id")))
                .as("the root cause first").containsExactly(root.toString(), joined.toString());
        browser.screenshot("alert-group");
        browser.find("[data-testid=acknowledge]").click();

        browser.waitUntil("the notice", d -> browser.find(".notice").getText()
                .equals("2 alerts acknowledged; nobody more is paged about this group."));
        assertThat(browser.find("[data-acknowledged-by]").getText()).isEqualTo(accounts.operator().username());
        assertThat(browser.findAll("[data-testid=timeline] tbody tr").stream().map(r -> r.getAttribute("data-what")))
                .contains("Group opened", "Alert joined", "Alert acknowledged");
        assertThat(alerts.get(joined).status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        browser.screenshot("alert-group-acknowledged");
        browser.assertNoConsoleProblems();
    }

    @Test
    void anOperatorSilencesTheSelectedAlertsAndTheConsoleShowsThemSuppressed(Browser browser) {
        var source = unique("browser");
        var first = raise(source, "db-1 is down", Severity.CRITICAL, Map.of("alertname", "HostDown", "instance", "db-1"));
        var second = raise(source, "db-2 is down", Severity.CRITICAL, Map.of("alertname", "HostDown", "instance", "db-2"));
        var other = raise(source, "db-3 is down", Severity.CRITICAL, Map.of("alertname", "HostDown", "instance", "db-3"));
        browser.signIn(accounts.operator()).open("/alerts?source=" + source);

        browser.click("[id='select-" + first + "']");
        browser.click("[id='select-" + second + "']");
        browser.waitUntil("the selection to be counted",
                d -> browser.find("[data-selected-count]").getText().equals("2 selected"));
        browser.find("button[formaction='/alerts/silences/new']").click();

        browser.waitUntil("the prefilled form", d -> browser.find("[data-testid=matching]").getText()
                .contains("These matchers match 2 open alerts now."));
        assertThat(browser.byId("matchers[2].value").getAttribute("value")).isEqualTo("db\\-1|db\\-2");
        browser.type("#comment", "replacing the disks");
        browser.screenshot("silence-form");
        browser.find("[data-testid=create]").click();

        browser.waitForPath("/alerts/silences");
        assertThat(browser.find(".notice").getText()).isEqualTo("Silence created; it matches 2 open alerts now.");
        browser.screenshot("silences");
        browser.open("/alerts?source=" + source);
        for (var silenced : List.of(first, second)) {
            assertThat(browser.find("tr[data-alert-id='" + silenced + "'] [data-status-badge]").getText())
                    .isEqualTo("Suppressed");
            assertThat(browser.find("tr[data-alert-id='" + silenced + "'] a[data-suppressed-by]").getText())
                    .isEqualTo("by a silence");
        }
        assertThat(browser.find("tr[data-alert-id='" + other + "'] [data-status-badge]").getText()).isEqualTo("Firing");
        browser.screenshot("alerts-silenced");
        browser.click("tr[data-alert-id='" + first + "'] a[data-suppressed-by]");
        browser.waitForPath("/alerts/silences");
        browser.assertNoConsoleProblems();
    }

    private UUID raise(String source, String summary, Severity severity, Map<String, String> labels) {
        var key = UUID.randomUUID().toString();
        intake.accept(List.of(new Event(source, key, EventAction.TRIGGER, severity, summary, labels, null, null,
                Instant.now(), null)));
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 50)).items()
                .stream().filter(a -> a.dedupKey().equals(key)).findFirst().orElseThrow().id();
    }
}
