package io.opsline.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsline.identity.Role;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckView;
import io.opsline.monitoring.internal.series.Sample;
import io.opsline.monitoring.internal.series.CheckMetrics;
import io.opsline.testing.Browser;
import io.opsline.testing.OpslineBrowserTest;
import io.opsline.testing.TestAccounts;

@OpslineBrowserTest
class CheckGraphBrowserIT {

    /** How many pixels of a chart must carry a series' colour for a line to have been drawn. */
    private static final int DRAWN = 100;

    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement cis;
    @Autowired
    RelationshipManagement relationships;
    @Autowired
    CheckDefinitions checks;
    @Autowired
    CheckMetrics samples;

    private CheckView checkWithSamples() {
        var ci = new CiFixtures(cis, relationships).create("server", "graph-" + UUID.randomUUID().toString().substring(0, 8));
        var check = TestAccounts.actingAs("admin", Role.ADMIN, () -> checks.create(new CheckInput(ci.id().toString(),
                "https port", "tcp", Map.of("port", 443), null, null, null, null, null, null)));
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var stored = new ArrayList<Sample>();
        // Every two minutes for nearly six hours: a response time and a size; and a loss rate half a
        // day ago, which only a range longer than six hours shows.
        for (int minutes = 2; minutes < 355; minutes += 2) {
            var at = now.minus(Duration.ofMinutes(minutes));
            stored.add(new Sample(check.id(), check.name(), check.ci().id(), "time", "s", at, 0.120 + (minutes % 10) / 1000.0));
            stored.add(new Sample(check.id(), check.name(), check.ci().id(), "size", "B", at, 150_000 + minutes * 10));
        }
        for (int minutes = 0; minutes < 120; minutes += 5) {
            stored.add(new Sample(check.id(), check.name(), check.ci().id(), "loss", "%", now.minus(Duration.ofHours(12)).plus(Duration.ofMinutes(minutes)),
                    minutes % 3));
        }
        samples.record(stored);
        return check;
    }

    @Test
    void drawsAChartPerUnitAndLoadsAgainWhenAnotherRangeIsChosen(Browser browser) {
        var check = checkWithSamples();
        browser.signIn(accounts.viewer()).open("/checks/" + check.id() + "/graph");
        assertThat(browser.find("main h1").getText()).isEqualTo("https port");

        browser.waitUntil("a chart of size and one of time", d -> legend(browser).containsAll(List.of("size", "time")));
        assertThat(browser.findAll(".graph-chart")).extracting(c -> c.getDomAttribute("data-unit"))
                .containsExactly("B", "s");
        assertThat(legend(browser)).doesNotContain("loss");
        assertThat(browser.find("[data-graph-range='-6h']").getDomAttribute("aria-pressed")).isEqualTo("true");
        var time = chart(browser, "s");
        assertThat(colouredPixels(browser, time, "--chart-1")).as("pixels of the time line").isGreaterThan(DRAWN);

        // Pointing at the chart shows the values there, in units people read.
        new Actions(browser.driver()).moveToElement(time.findElement(org.openqa.selenium.By.cssSelector(".u-over")))
                .perform();
        browser.waitUntil("the time at the pointer in milliseconds",
                d -> time.findElements(org.openqa.selenium.By.cssSelector(".u-value")).stream()
                        .anyMatch(v -> v.getText().matches("12\\d ms")));
        browser.screenshot("check-graph-6h");

        browser.find("[data-graph-range='-24h']").click();

        browser.waitUntil("the loss of half a day ago", d -> legend(browser).contains("loss"));
        assertThat(browser.findAll(".graph-chart")).extracting(c -> c.getDomAttribute("data-unit"))
                .containsExactly("%", "B", "s");
        assertThat(browser.find("[data-graph-range='-24h']").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.find("[data-graph-range='-6h']").getDomAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.find("[data-graph-status]").isDisplayed()).isFalse();
        browser.screenshot("check-graph-24h");

        browser.find("[data-graph-range='-1h']").click();
        browser.waitUntil("the loss to go again", d -> !legend(browser).contains("loss"));
        browser.assertNoConsoleProblems();
    }

    @Test
    void followsTheColourThemeAndSaysWhenThereIsNothingToDraw(Browser browser) {
        var check = checkWithSamples();
        browser.signIn(accounts.viewer()).open("/checks/" + check.id() + "/graph").useTheme("light");
        browser.waitUntil("the charts", d -> legend(browser).contains("time"));
        assertThat(colouredPixels(browser, chart(browser, "s"), "--chart-1")).isGreaterThan(DRAWN);
        browser.screenshot("check-graph-light");

        // The theme button switches light to dark without a reload; the canvas is drawn again.
        browser.find("[data-theme-toggle]").click();
        browser.waitUntil("the dark theme", d -> "dark".equals(browser.find("html").getDomAttribute("data-theme")));
        browser.waitUntil("the time line in the dark theme's colour",
                d -> colouredPixels(browser, chart(browser, "s"), "--chart-1") > DRAWN);
        browser.screenshot("check-graph-dark");
        browser.assertNoConsoleProblems();

        var empty = TestAccounts.actingAs("admin", Role.ADMIN, () -> checks.create(new CheckInput(
                check.ci().id().toString(), "ssh port", "tcp", Map.of("port", 22), null, null, null, null, null, null)));
        browser.open("/checks/" + empty.id() + "/graph");
        browser.waitUntil("the empty-range message",
                d -> browser.find("[data-graph-status]").getText().equals("No measurements in the last 6 hours."));
        assertThat(browser.findAll(".graph-chart")).isEmpty();
        browser.assertNoConsoleProblems();
    }

    private static List<String> legend(Browser browser) {
        return browser.findAll(".graph-chart .u-legend .u-series .u-label").stream().map(WebElement::getText).toList();
    }

    private static WebElement chart(Browser browser, String unit) {
        return browser.find(".graph-chart[data-unit='" + unit + "']");
    }

    /** How many pixels of the chart's canvas have the colour a CSS variable names (as the theme now sets it). */
    private static long colouredPixels(Browser browser, WebElement chart, String variable) {
        return ((Number) browser.script("""
                var canvas = arguments[0].querySelector('canvas');
                var hex = getComputedStyle(document.documentElement).getPropertyValue(arguments[1]).trim();
                var n = parseInt(hex.replace('#', ''), 16);
                var want = [n >> 16 & 255, n >> 8 & 255, n & 255];
                var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                var count = 0;
                for (var i = 0; i < data.length; i += 4) {
                    if (data[i + 3] > 200 && Math.abs(data[i] - want[0]) < 8 && Math.abs(data[i + 1] - want[1]) < 8
                            && Math.abs(data[i + 2] - want[2]) < 8) {
                        count++;
                    }
                }
                return count;""", chart, variable)).longValue();
    }
}
