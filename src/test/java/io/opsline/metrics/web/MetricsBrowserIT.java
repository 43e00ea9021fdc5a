package io.opsline.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

/**
 * The explore page and a CI's metrics card in Chromium, over series appended to the store. Each test
 * uses metric names of its own.
 */
@OpslineBrowserTest
class MetricsBrowserIT {

    @Autowired
    TestAccounts accounts;
    @Autowired
    MetricStore store;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;

    private static String metric(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A sample a minute over the last hour. */
    private void append(Labels labels, double base) {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        var times = new long[60];
        var values = new double[60];
        for (var i = 0; i < 60; i++) {
            times[i] = now - (59 - i) * 60_000L;
            values[i] = base + i % 7;
        }
        assertThat(store.append("browser-test", List.of(new SeriesData(labels, times, values, 60))).accepted())
                .isEqualTo(60);
    }

    private static String explore(String query, String range) {
        return "/metrics/explore?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&range=" + range;
    }

    @Test
    void drawsTheSeriesOfAQueryWithALegendOfTheLabelsThatDiffer(Browser browser) {
        var name = metric("explore_requests");
        append(Labels.of("__name__", name, "job", "web", "instance", "web-1:9100"), 10);
        append(Labels.of("__name__", name, "job", "web", "instance", "web-2:9100"), 20);
        browser.signIn(accounts.viewer()).open(explore(name, "1h"));

        browser.waitUntil("a legend naming both instances", d -> legend(browser).size() == 2);
        assertThat(legend(browser)).containsExactly("{instance=\"web-1:9100\"}", "{instance=\"web-2:9100\"}");
        assertThat(browser.findAll(".graph-chart canvas")).isNotEmpty();
        assertThat(browser.find("[data-explore-query]").getDomProperty("value")).isEqualTo(name);
        assertThat(browser.find("[data-explore-range='1h']").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.find("[data-explore-error]").isDisplayed()).isFalse();
        browser.screenshot("metrics-explore");

        // The pickers: the metric's labels, and choosing a value narrows the query to that series.
        browser.waitUntil("a picker of instances", d -> !browser.findAll("[data-explore-label='instance']").isEmpty());
        browser.choose("[data-explore-label='instance']", "web-2:9100");
        browser.waitUntil("the query narrowed", d -> browser.find("[data-explore-query]").getDomProperty("value")
                .equals(name + "{instance=\"web-2:9100\"}"));
        browser.waitUntil("one series, with all its labels", d -> legend(browser).size() == 1);
        assertThat(legend(browser)).containsExactly(name + "{instance=\"web-2:9100\",job=\"web\"}");
        assertThat(browser.path()).contains("range=1h").contains("query=");

        // Dragging across the chart zooms into that stretch, which the address keeps; reset goes back.
        assertThat(browser.find("[data-explore-zoom-reset]").isDisplayed()).isFalse();
        var over = browser.find(".graph-chart .u-over");
        new Actions(browser.driver()).moveToElement(over, -over.getSize().width / 4, 0).clickAndHold()
                .moveByOffset(over.getSize().width / 3, 0).release().perform();
        browser.waitUntil("a zoomed range in the address", d -> browser.path().contains("from="));
        assertThat(browser.find("[data-explore-zoom-reset]").isDisplayed()).isTrue();
        browser.waitUntil("the zoomed chart", d -> legend(browser).size() == 1);
        browser.find("[data-explore-zoom-reset]").click();
        browser.waitUntil("the preset range again", d -> browser.path().contains("range=1h"));
        browser.assertNoConsoleProblems();
    }

    @Test
    void saysWhatIsWrongWithAQueryAndWhenARangeHasNoSamples(Browser browser) {
        // The API answers a query it cannot run with 400, which the browser reports by itself.
        browser.expectHttpError(400);
        browser.signIn(accounts.viewer()).open(explore("sum(rate(http_requests_total[5m])", "1h"));
        browser.waitUntil("the parse error", d -> browser.find("[data-explore-error]").getText().contains("parse error"));
        assertThat(browser.findAll(".graph-chart")).isEmpty();

        browser.open(explore("histogram_quantile(0.9, rate(x_bucket[5m]))", "1h"));
        browser.waitUntil("the unsupported part named", d -> browser.find("[data-explore-error]").getText()
                .contains("histogram_quantile"));

        browser.open(explore(metric("nothing_here"), "15m"));
        browser.waitUntil("the empty state", d -> browser.find("[data-explore-status]").getText()
                .equals("No samples in this range."));
        assertThat(browser.find("[data-explore-error]").isDisplayed()).isFalse();

        // Typing a query and pressing Enter runs it.
        var name = metric("typed");
        append(Labels.of("__name__", name, "job", "batch"), 1);
        browser.type("[data-explore-query]", name + Keys.ENTER);
        browser.waitUntil("the typed query's series", d -> legend(browser).size() == 1);
        assertThat(legend(browser)).containsExactly(name + "{job=\"batch\"}");
        browser.assertNoConsoleProblems();
    }

    @Test
    void aCisPageShowsAChartPerMetricOfItsSeries(Browser browser) {
        var ci = new CiFixtures(cis, relationships).create("server", "metrics-" + UUID.randomUUID().toString().substring(0, 8));
        var load = metric("node_load1");
        var memory = metric("node_memory_free_bytes");
        append(Labels.of("__name__", load, "ci_id", ci.id().toString(), "job", "node"), 1);
        append(Labels.of("__name__", memory, "ci_id", ci.id().toString(), "job", "node"), 1e9);
        append(Labels.of("__name__", load, "ci_id", UUID.randomUUID().toString(), "job", "node"), 5);

        browser.signIn(accounts.viewer()).open("/cis/" + ci.id());
        browser.waitUntil("a chart per metric", d -> browser.findAll("#metrics .graph-chart").size() == 2);
        assertThat(browser.findAll("#metrics .graph-chart .u-title")).extracting(WebElement::getText)
                .containsExactly(load, memory);
        assertThat(browser.findAll("#metrics .graph-chart canvas")).hasSize(2);
        assertThat(legend(browser)).containsExactly(load + "{ci_id=\"" + ci.id() + "\",job=\"node\"}",
                memory + "{ci_id=\"" + ci.id() + "\",job=\"node\"}");
        var explore = browser.findAll("#metrics .chart-links a").getFirst();
        assertThat(explore.getText()).isEqualTo("Explore " + load);
        browser.screenshot("metrics-ci-card");
        explore.click();
        browser.waitUntil("the explore page with the CI's series", d -> legend(browser).size() == 1);
        assertThat(browser.find("[data-explore-query]").getDomProperty("value"))
                .isEqualTo(load + "{ci_id=\"" + ci.id() + "\"}");
        browser.assertNoConsoleProblems();
    }

    private static List<String> legend(Browser browser) {
        return browser.findAll(".graph-chart .u-legend .u-series .u-label").stream().map(WebElement::getText)
                .filter(text -> !text.equals("Time")).toList();
    }
}
