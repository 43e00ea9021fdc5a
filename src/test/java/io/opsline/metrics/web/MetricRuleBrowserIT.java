package io.opsline.metrics.web;

import static io.opsline.testing.FormChecks.assertErrorBeside;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.metrics.internal.rules.MetricRuleInput;
import io.opsline.metrics.internal.rules.MetricRules;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

/** The metric rules page in a real browser: an admin adds a rule, sees bad ones refused beside their fields, changes and deletes it. */
@OpslineBrowserTest
class MetricRuleBrowserIT {

    @Autowired
    TestAccounts accounts;
    @Autowired
    MetricRules rules;

    @Test
    void anAdminAddsChangesAndDeletesARule(Browser browser) {
        browser.expectHttpError(422);
        browser.signIn(accounts.admin()).open("/metrics/rules");
        browser.find("[data-testid=new-rule]").click();
        browser.waitForPath("/metrics/rules/new");
        var name = "browser rule " + UUID.randomUUID().toString().substring(0, 8);
        browser.type("#name", name).type("#expression", "rate(up[5m]").type("#threshold", "ninety");
        browser.find("[data-testid=save]").click();
        browser.waitFor("#threshold-error");
        assertErrorBeside(browser, "threshold", "'ninety' is not a number: write it like 90, 0.5 or 1e6");
        browser.type("#threshold", "90").type("#clearThreshold", "95");
        browser.find("[data-testid=save]").click();
        browser.waitFor("#expression-error");
        assertThat(browser.find("#expression-error").getText()).isNotBlank();
        assertErrorBeside(browser, "clearThreshold", "must be at most the threshold (90) for a rule that fires when the value is > it");
        browser.type("#expression", "100 - up * 100").type("#clearThreshold", "85").type("#forDuration", "ten minutes");
        browser.find("[data-testid=save]").click();
        browser.waitFor("#forDuration-error");
        assertErrorBeside(browser, "forDuration",
                "'ten minutes' is not a duration: write it as Prometheus does, like 30s, 5m or 1h30m");
        browser.type("#forDuration", "10m");
        browser.find("[data-testid=save]").click();
        // A refused new rule is shown again at /metrics/rules, the address the form posts to, so
        // the address alone cannot tell that the save went through: the rule's row can.
        browser.waitFor("tr[data-rule='" + name + "']");

        var saved = rules.list().stream().filter(rule -> rule.name().equals(name)).findFirst().orElseThrow();
        assertThat(saved.expression()).isEqualTo("100 - up * 100");
        assertThat(saved.condition()).isEqualTo("> 90, clears past 85, for 10m");
        var row = browser.find("tr[data-rule='" + name + "']");
        assertThat(row.getText()).contains("> 90, clears past 85, for 10m");
        browser.screenshot("metric-rules");

        browser.find("tr[data-rule='" + name + "'] a[href*='/edit']").click();
        browser.waitFor("[data-testid=delete]");
        assertThat(browser.byId("clearThreshold").getAttribute("value")).isEqualTo("85");
        browser.type("#threshold", "95").type("#clearThreshold", "");
        browser.find("[data-testid=save]").click();
        browser.waitForPath("/metrics/rules");
        assertThat(rules.get(saved.id()).condition()).isEqualTo("> 95, for 10m");

        browser.find("tr[data-rule='" + name + "'] a[href*='/edit']").click();
        browser.waitFor("[data-testid=delete]");
        browser.find("[data-testid=delete]").click();
        var dialog = browser.awaitDialog();
        assertThat(dialog.getText()).isEqualTo("Delete metric rule " + name + "?");
        dialog.accept();
        browser.waitForPath("/metrics/rules");
        assertThat(browser.find(".notice").getText()).isEqualTo("Metric rule " + name + " deleted.");
        assertThat(rules.list()).noneMatch(rule -> rule.id().equals(saved.id()));
        browser.assertNoConsoleProblems();
    }

    @Test
    void aViewerSeesTheRulesWithoutForms(Browser browser) {
        var name = "viewed rule " + UUID.randomUUID().toString().substring(0, 8);
        rules.create(new MetricRuleInput(name, "up", "<", 1.0, null, null, null, null, true, null), "test");
        browser.signIn(accounts.viewer()).open("/metrics/rules");
        assertThat(browser.find("tr[data-rule='" + name + "']")).isNotNull();
        assertThat(browser.findAll("[data-testid=new-rule]")).isEmpty();
        assertThat(browser.findAll("tbody a[href*='/edit']")).isEmpty();
    }
}
