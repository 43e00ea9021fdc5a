package io.opsline.alerting.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.alerting.internal.notify.Channels;
import io.opsline.alerting.notify.Receiver;
import io.opsline.identity.Role;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

/**
 * Setting up paging in a real browser, the way an admin does it the first time: a webhook channel
 * (sent a test to a real receiver), a schedule with an override, a policy, a routing rule, and the
 * routing test naming that rule.
 */
@OpslineBrowserTest
class AlertingSetupBrowserIT {

    private static final String ZONE = "Europe/Berlin";

    @Autowired
    TestAccounts accounts;
    @Autowired
    Channels channels;

    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anAdminSetsUpAChannelAScheduleWithAnOverrideAPolicyAndARuleAndTestsTheRule(Browser browser) {
        var admin = accounts.fresh(Role.ADMIN);
        var standIn = accounts.fresh(Role.OPERATOR);
        browser.signIn(admin);

        // A webhook channel: its generated secret is shown once; a test message reaches the receiver.
        var channel = unique("ops-hook");
        browser.open("/alerts/channels");
        browser.find("[data-testid=new-channel]").click();
        browser.find("[data-testid=kinds] a[href='/alerts/channels/new?kind=webhook']").click();
        browser.byId("name").sendKeys(channel);
        browser.byId("url").sendKeys(receiver.url("/hook"));
        browser.screenshot("alerting-channel-form");
        browser.find("[data-testid=channel-form] button[type=submit]").click();
        browser.waitForPath("/alerts/channels");
        assertThat(browser.byId("shown-secret").getText()).startsWith("whsec_");
        var channelId = channels.list().stream().filter(c -> c.name().equals(channel)).findFirst().orElseThrow().id();
        browser.find("tr[data-channel-id='" + channelId + "'] [data-testid=send-test]").click();
        browser.waitForPath("/alerts/channels/deliveries?channel=" + channelId);
        browser.waitUntil("the test message to be sent", d -> {
            browser.open("/alerts/channels/deliveries?channel=" + channelId);
            return browser.find("tr[data-delivery-id]").getAttribute("data-status").equals("SENT");
        });
        assertThat(receiver.requests("/hook")).hasSize(1);
        browser.screenshot("alerting-deliveries");
        browser.open("/alerts/channels");
        browser.screenshot("alerting-channels");

        // An email channel refused: each message beside its field, the typed address kept.
        browser.open("/alerts/channels/new?kind=email");
        browser.byId("recipients").sendKeys("oncall@example.org, nobody-at-all");
        browser.find("[data-testid=channel-form] button[type=submit]").click();
        browser.waitFor(".error-summary");
        assertThat(browser.byId("recipients-error").getText()).isEqualTo("'nobody-at-all' is not an e-mail address");
        assertThat(browser.byId("name-error").getText()).isEqualTo("is required");
        assertThat(browser.byId("recipients").getDomProperty("value")).isEqualTo("oncall@example.org, nobody-at-all");
        browser.screenshot("alerting-email-channel-errors");

        // A schedule: one daily layer of the admin, and the operator standing in tomorrow.
        var schedule = unique("primary");
        browser.open("/alerts/oncall");
        browser.find("[data-testid=new-schedule]").click();
        browser.byId("name").sendKeys(schedule);
        browser.byId("timeZone").clear();
        browser.byId("timeZone").sendKeys(ZONE);
        browser.byId("layers[0].name").sendKeys("Day");
        new Select(browser.byId("layers[0].rotation")).selectByValue("daily");
        browser.pick("layers[0].handoffTime", "09:00");
        var today = LocalDate.now(ZoneId.of(ZONE));
        browser.pick("layers[0].start", today.minusDays(1) + "T09:00");
        browser.byId("layers[0].participants").sendKeys(admin.username());
        browser.screenshot("alerting-schedule-form");
        browser.find("[data-testid=schedule-form] button[type=submit]").click();
        browser.waitUntil("the schedule's page", d -> browser.path().matches("/alerts/oncall/[0-9a-f-]{36}"));
        assertThat(browser.find("[data-testid=feed-url]").getText()).contains("/calendar/oncall/opf_");
        assertThat(browser.find("[data-testid=on-call-now]").getText()).contains("On call now: " + admin.username());

        new Select(browser.byId("userId")).selectByValue(standIn.id().toString());
        browser.pick("from", today.plusDays(1) + "T12:00");
        browser.pick("to", today.plusDays(1) + "T18:00");
        browser.find("[data-testid=override-form] button[type=submit]").click();
        browser.waitUntil("the override to be listed", d -> !browser.findAll("[data-testid=overrides]").isEmpty());
        assertThat(browser.find("[data-testid=overrides]").getText()).contains(standIn.username());
        assertThat(browser.find("[data-testid=shifts]").getText()).contains(standIn.username(), "Override");
        browser.screenshot("alerting-schedule");
        browser.open("/alerts/oncall");
        browser.screenshot("alerting-oncall");

        // A policy: the channel at once, then whoever is on call.
        var policy = unique("db-policy");
        browser.open("/alerts/policies/new");
        browser.byId("name").sendKeys(policy);
        new Select(browser.byId("levels[0].targets[0].target")).selectByValue("channel:" + channelId);
        browser.byId("levels[0].delayMinutes").clear();
        browser.byId("levels[0].delayMinutes").sendKeys("5");
        browser.screenshot("alerting-policy-form");
        browser.find("[data-testid=policy-form] button[type=submit]").click();
        browser.waitForPath("/alerts/policies");
        assertThat(browser.find("main").getText()).contains(policy, "Channel: " + channel);
        browser.screenshot("alerting-policies");

        // A routing rule for critical alerts from one source, then the routing test.
        var rule = unique("critical-db");
        var source = unique("source");
        browser.open("/alerts/routing");
        browser.find("[data-testid=new-rule]").click();
        browser.byId("name").sendKeys(rule);
        new Select(browser.byId("policyId")).selectByVisibleText(policy);
        browser.byId("conditions.severities-critical").click();
        browser.byId("conditions.sources").sendKeys(source);
        browser.screenshot("alerting-rule-form");
        browser.find("[data-testid=rule-form] button[type=submit]").click();
        browser.waitForPath("/alerts/routing");
        assertThat(browser.find("[data-testid=rules]").getText()).contains(rule, "severity CRITICAL and source " + source,
                policy);
        browser.screenshot("alerting-routing");

        browser.find("[data-testid=test-rules]").click();
        new Select(browser.byId("severity")).selectByValue("critical");
        browser.byId("source").sendKeys(source);
        browser.find("[data-testid=routing-test-form] button[type=submit]").click();
        browser.waitFor("[data-testid=verdict]");
        assertThat(browser.find("[data-testid=route]").getText()).contains("Rule " + rule + " takes it", policy);
        assertThat(browser.find("tr[data-chosen=true]").getText()).contains(rule, "severities");
        browser.screenshot("alerting-routing-test");
        browser.assertNoConsoleProblems();
    }
}
