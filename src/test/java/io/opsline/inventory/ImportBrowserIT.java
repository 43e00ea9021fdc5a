package io.opsline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

@OpslineBrowserTest
class ImportBrowserIT {

    @Autowired
    TestAccounts accounts;

    @TempDir
    Path files;

    @Test
    void importsACsvFileAndReportsWhatItDid(Browser browser) throws IOException {
        var prefix = "imp-" + UUID.randomUUID().toString().substring(0, 8);
        var file = write(prefix + ".csv", """
                class,name,environment,tags,addresses
                server,%1$s-srv,production,linux;web,10.9.8.7
                database,%1$s-db,staging,,
                """.formatted(prefix));
        browser.signIn(accounts.operator()).open("/inventory/transfer");

        browser.find("#file").sendKeys(file.toString());
        browser.find("#dryRun").click();
        assertThat(browser.find("#dryRun").isSelected()).isFalse();
        browser.find("form.card button[type=submit]").click();

        var report = browser.waitFor("[data-testid=import-report]");
        assertThat(report.getText()).isEqualTo("Imported " + prefix + ".csv. CIs: 2 created, 0 updated, 0 unchanged. "
                + "Relationships: 0 created, 0 unchanged.");
        assertThat(browser.findAll("[data-testid=import-error]")).isEmpty();
        browser.screenshot("import-report");
        browser.open("/cis?q=" + prefix);
        assertThat(browser.findAll("#ci-results tbody tr td:first-child a").stream().map(WebElement::getText))
                .containsExactly(prefix + "-db", prefix + "-srv");

        // The same file again, as a dry run (the default): nothing would change.
        browser.open("/inventory/transfer");
        browser.find("#file").sendKeys(file.toString());
        assertThat(browser.find("#dryRun").isSelected()).isTrue();
        browser.find("form.card button[type=submit]").click();
        assertThat(browser.waitFor("[data-testid=import-report]").getText()).isEqualTo("Dry run of " + prefix
                + ".csv: nothing was written. CIs: 0 created, 0 updated, 2 unchanged. Relationships: 0 created, 0 unchanged.");
    }

    @Test
    void aBadFileIsRefusedWholeWithEveryRowsProblemListed(Browser browser) throws IOException {
        var prefix = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        var file = write(prefix + ".csv", """
                class,name,addresses
                toaster,%1$s-a,
                server,,10.0.0.1
                server,%1$s-c,999.1.1.1
                server,%1$s-d,10.0.0.4
                """.formatted(prefix));
        browser.signIn(accounts.operator()).open("/inventory/transfer");

        browser.find("#file").sendKeys(file.toString());
        browser.find("#dryRun").click();
        browser.find("form.card button[type=submit]").click();

        var error = browser.waitFor("[data-testid=import-error]");
        assertThat(error.getText()).isEqualTo("The file has 3 problems; nothing was imported");
        var problems = browser.findAll("main table tbody tr").stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("2", "class");
        assertThat(problems.get(1)).containsExactly("3", "name", "is required");
        assertThat(problems.get(2)).startsWith("4", "addresses");
        assertThat(problems.get(2).get(2)).contains("999.1.1.1");
        assertThat(browser.findAll("[data-testid=import-report]")).isEmpty();
        browser.screenshot("import-errors");
        browser.open("/cis?q=" + prefix);
        assertThat(browser.find("#ci-results td.empty").getText()).startsWith("No configuration items match.");
    }

    Path write(String name, String content) throws IOException {
        var file = files.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
