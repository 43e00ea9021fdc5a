package io.opsline.metrics.web;

import static io.opsline.testing.FormChecks.assertErrorBeside;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.metrics.internal.scrape.ScrapeTargetInput;
import io.opsline.metrics.internal.scrape.ScrapeTargets;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.Peers;
import io.opsline.testing.TestAccounts;

/** The scrape targets page in a real browser: an admin adds a target, sees a bad one refused, and a down one first. */
@OpslineBrowserTest
class ScrapeTargetBrowserIT {

    @Autowired
    TestAccounts accounts;
    @Autowired
    ScrapeTargets targets;

    @Test
    void anAdminAddsATargetAndADownOneIsListedFirstWithItsError(Browser browser) {
        var down = "browser-down-" + UUID.randomUUID().toString().substring(0, 8);
        targets.create(new ScrapeTargetInput(null, down, "http://127.0.0.1:" + Peers.freeTcpPort() + "/metrics", "1s",
                null, Map.of(), List.of(), List.of(), true));
        browser.expectHttpError(422);
        browser.signIn(accounts.admin()).open("/metrics/targets");
        browser.find("[data-testid=new-target]").click();
        browser.waitForPath("/metrics/targets/new");
        var added = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        browser.type("#name", added).type("#url", "http://127.0.0.1:9/metrics").type("#interval", "1s")
                .type("#timeout", "5s");
        browser.find("[data-testid=save]").click();
        browser.waitFor("#timeout-error");
        assertErrorBeside(browser, "timeout", "must not be longer than the interval (1s)");
        browser.type("#timeout", "500ms").type("#drop", "node_(");
        browser.find("[data-testid=save]").click();
        browser.waitFor("#drop-error");
        assertErrorBeside(browser, "drop", "line 1: is not a regular expression: Unclosed group at position 6 in node_(");
        browser.type("#drop", "node_load15");
        browser.find("[data-testid=save]").click();
        browser.waitForPath("/metrics/targets");
        assertThat(browser.find("tr[data-target='" + added + "']")).isNotNull();

        browser.waitUntil("the down target's error shown", d -> {
            d.navigate().refresh();
            var row = browser.find("tr[data-target='" + down + "']");
            return row.getAttribute("data-state").equals("down")
                    && row.findElement(By.cssSelector("[data-testid=last-error]")).getText().contains("failed");
        });
        assertThat(browser.find("tbody tr").getAttribute("data-state")).as("problems first").isEqualTo("down");
        browser.screenshot("scrape-targets");
    }

    @Test
    void anAdminGivesATargetBasicAuthAndThePasswordStaysHidden(Browser browser) {
        browser.expectHttpError(422);
        browser.signIn(accounts.admin()).open("/metrics/targets/new");
        var name = "browser-auth-" + UUID.randomUUID().toString().substring(0, 8);
        browser.type("#name", name).type("#url", "https://127.0.0.1:9/metrics").choose("#auth", "basic")
                .type("#username", "prometheus");
        browser.find("[data-testid=save]").click();
        browser.waitFor("#password-error");
        assertErrorBeside(browser, "password", "is required for basic auth");
        browser.type("#password", "s3cret-pass").type("#caCertificate", "not a certificate");
        browser.find("[data-testid=save]").click();
        browser.waitFor("#caCertificate-error");
        assertErrorBeside(browser, "caCertificate", "holds no PEM certificate (-----BEGIN CERTIFICATE----- …)");
        browser.type("#caCertificate", "").type("#password", "s3cret-pass");
        browser.find("#insecureSkipVerify").click();
        browser.find("[data-testid=save]").click();
        browser.waitForPath("/metrics/targets");

        browser.find("tr[data-target='" + name + "'] a").click();
        browser.waitFor("#password");
        assertThat(browser.byId("auth").getAttribute("value")).isEqualTo("basic");
        assertThat(browser.byId("password").getAttribute("type")).isEqualTo("password");
        assertThat(browser.byId("password").getAttribute("value")).isEqualTo("********");
        assertThat(browser.driver().getPageSource()).doesNotContain("s3cret-pass");
        assertThat(browser.byId("insecureSkipVerify").isSelected()).isTrue();
        browser.screenshot("scrape-target-auth");
        browser.find("[data-testid=save]").click();
        browser.waitForPath("/metrics/targets");
        assertThat(targets.list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().access()
                .secretSet()).as("saved unchanged, the password is kept").isTrue();
    }

    @Test
    void aViewerSeesTheTargetsWithoutForms(Browser browser) {
        browser.signIn(accounts.viewer()).open("/metrics/targets");
        assertThat(browser.findAll("[data-testid=new-target]")).isEmpty();
        assertThat(browser.findAll("tbody a[href*='/edit']")).isEmpty();
    }
}
