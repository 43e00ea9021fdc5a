package io.opsline.alerting;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.web.ConsoleOutcome;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.Inventory;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** The alert console and an alert's page, as the server renders them, and the bulk actions behind them. */
@OpslineIntegrationTest
class AlertConsolePagesIT {

    private static final Pattern ROW = Pattern.compile("<tr\\b[^>]*\\bdata-alert-id=\"([0-9a-f-]{36})\"[^>]*>");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    Inventory inventory;

    String source;

    @BeforeEach
    void source() {
        source = unique("console");
    }

    @Test
    void theConsoleListsFiringAlertsFirstTheWorstFirstAndResolvedOnesOnlyOnRequest() {
        var db = inventory.create(CiClass.SERVER, unique("db"), List.of(), List.of());
        var warning = raise("load is high", Severity.WARNING, null);
        var critical = raise("<b>db-1</b> is down", Severity.CRITICAL, db.id());
        var info = raise("certificate renewed soon", Severity.INFO, null);
        var acknowledgedCritical = raise("disk full", Severity.CRITICAL, null);
        alerts.acknowledge(acknowledgedCritical, "alice");
        var resolved = raise("was broken", Severity.CRITICAL, null);
        alerts.resolve(resolved, "bob");

        var html = html(page("/alerts?source=" + source, Role.VIEWER));

        assertThat(ids(html)).as("firing before acknowledged, critical first; resolved ones not at all")
                .containsExactly(critical, warning, info, acknowledgedCritical);
        var criticalRow = row(html, critical);
        assertThat(criticalRow).contains(">CRITICAL</span>", "&lt;b&gt;db-1&lt;/b&gt; is down",
                "href=\"/cis/" + db.id() + "\"", ">" + db.name() + "</a>", "href=\"/alerts/" + critical + "\"",
                "s ago", ">Firing</span>", "prominent").doesNotContain("<b>db-1");
        assertThat(row(html, warning)).contains("No CI matched: host host-" + source);
        assertThat(row(html, acknowledgedCritical)).contains(">Acknowledged</span>", "handled");
        assertThat(html).as("viewers get no bulk actions").doesNotContain("name=\"alert\"")
                .doesNotContain("/alerts/acknowledge").doesNotContain("Resolve selected");
        assertThat(html).contains("hx-trigger=\"alerts-changed, every 30s\"", "hx-get=\"/alerts?source=" + source
                + "\"", "data-live-stream=\"/alerts/stream\"");

        assertThat(ids(html(page("/alerts?source=" + source + "&status=resolved", Role.VIEWER))))
                .containsExactly(resolved);
        assertThat(ids(html(page("/alerts?source=" + source + "&status=all", Role.VIEWER))))
                .containsExactly(critical, warning, info, acknowledgedCritical, resolved);
    }

    @Test
    void filtersBySeverityStatusMappingAndTextAndSaysWhenNothingMatches() {
        var db = inventory.create(CiClass.SERVER, unique("db"), List.of(), List.of());
        var mapped = raise("replication lag on db", Severity.ERROR, db.id());
        var unmapped = raise("Disk almost full", Severity.WARNING, null);
        var acknowledged = raise("queue backlog", Severity.WARNING, null);
        alerts.acknowledge(acknowledged, "alice");
        var base = "/alerts?source=" + source;

        assertThat(ids(html(page(base + "&severity=warning", Role.VIEWER))))
                .containsExactly(unmapped, acknowledged);
        assertThat(ids(html(page(base + "&status=acknowledged", Role.VIEWER)))).containsExactly(acknowledged);
        assertThat(ids(html(page(base + "&unmapped=true", Role.VIEWER)))).containsExactly(unmapped, acknowledged);
        assertThat(ids(html(page(base + "&q=DISK", Role.VIEWER)))).containsExactly(unmapped);
        assertThat(ids(html(page(base + "&severity=error", Role.VIEWER)))).containsExactly(mapped);

        var nothing = html(page(base + "&q=nothing-like-this", Role.VIEWER));
        assertThat(ids(nothing)).isEmpty();
        assertThat(nothing).contains("No open alerts match these filters.");

        assertThat(ids(html(page(base + "&severity=error&page=7", Role.VIEWER)))).as("past the last page, the last")
                .containsExactly(mapped);

        var bad = html(page(base + "&severity=dreadful&page=two", Role.VIEWER));
        assertThat(bad).contains("error-summary", "unknown value &#39;dreadful&#39;", "must be a whole number");
        assertThat(page(base + "&status=burning", Role.VIEWER)).hasStatusOk();
    }

    @Test
    void withoutOpenAlertsTheConsoleSaysSo() {
        var only = raise("gone soon", Severity.CRITICAL, null);
        alerts.resolve(only, "alice");

        // Only this test's source is shown; with every filter cleared the words are the same ones.
        var html = html(page("/alerts?source=" + source, Role.VIEWER));
        assertThat(ids(html)).isEmpty();
        assertThat(html).contains("data-testid=\"empty\"", "No open alerts match these filters.",
                "href=\"/alerts\">Show all open alerts</a>");
        var resolvedOnly = html(page("/alerts?status=resolved&source=" + unique("none"), Role.VIEWER));
        assertThat(resolvedOnly).contains("No alerts match these filters.");
    }

    @Test
    void theCountsAtTheTopAreTheOpenAlertsBySeverity() {
        var before = alerts.openBySeverity();
        raise("a", Severity.CRITICAL, null);
        raise("b", Severity.CRITICAL, null);
        var resolved = raise("c", Severity.WARNING, null);
        alerts.resolve(resolved, "alice");

        var html = html(page("/alerts", Role.VIEWER));

        var critical = before.get(Severity.CRITICAL) + 2;
        assertThat(html).containsPattern("data-count=\"CRITICAL\">\\s*<strong>" + critical
                + "</strong><span>CRITICAL</span>");
        assertThat(html).containsPattern("data-count=\"WARNING\">\\s*<strong>" + before.get(Severity.WARNING)
                + "</strong>");
        assertThat(html).contains("<title>(" + critical + ") Alerts · Opsline</title>",
                "href=\"/alerts?severity=critical\"");
        assertThat(html).containsPattern("<a href=\"/alerts\"[^>]*aria-current=\"page\"[^>]*>Alerts</a>");
    }

    @Test
    void anOperatorAcknowledgesTheSelectedAlertsAndHearsWhatCameOfEach() {
        var firing = raise("db-1 is down", Severity.CRITICAL, null);
        var alsoFiring = raise("web-1 is slow", Severity.WARNING, null);
        var taken = raise("queue backlog", Severity.WARNING, null);
        alerts.acknowledge(taken, "alice");
        var over = raise("was broken", Severity.ERROR, null);
        alerts.resolve(over, "bob");
        var gone = UUID.randomUUID();

        var result = mvc.post().uri("/alerts/acknowledge").with(as(Role.OPERATOR)).with(csrf())
                .param("alert", firing.toString(), alsoFiring.toString(), taken.toString(), over.toString(),
                        gone.toString(), "web01")
                .param("source", source).exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts?source=" + source);
        var outcome = (ConsoleOutcome) result.getMvcResult().getFlashMap().get("outcome");
        assertThat(outcome.title()).isEqualTo("2 acknowledged, 1 was already acknowledged, 1 was already resolved,"
                + " 1 was not found (no alert with this id), 1 was not an alert id.");
        assertThat(outcome.unchanged()).containsExactly("'web01' is not an alert id",
                "queue backlog: already acknowledged", "was broken: already resolved",
                gone + ": not found (no alert with this id)");
        var operator = accounts.operator().username();
        assertThat(alerts.get(firing).status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(alerts.get(firing).acknowledgedBy()).isEqualTo(operator);
        assertThat(alerts.get(alsoFiring).status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(alerts.get(taken).acknowledgedBy()).as("left as it was").isEqualTo("alice");
        assertThat(alerts.get(over).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alerts.timeline(firing)).extracting(c -> c.kind().name()).containsExactly("OPENED", "ACKNOWLEDGED");

        // Each change is audited as a single acknowledgement is.
        var audit = new ApiCalls(mvc, json).body(new ApiCalls(mvc, json).get(accounts.admin().token(),
                "/api/v1/audit?entityId=" + firing));
        assertThat(audit.get("items").get(0).get("action").asString()).isEqualTo("alert.acknowledge");
        assertThat(audit.get("items").get(0).get("actor").asString()).isEqualTo(operator);

        // The outcome travels in the session to the page the redirect leads to.
        var session = result.getResponse().getCookie("OPSLINE_SESSION");
        var shown = html(mvc.get().uri("/alerts?source=" + source).with(as(Role.OPERATOR)).cookie(session).exchange());
        assertThat(shown).contains("2 acknowledged, 1 was already acknowledged", "Left as they were:",
                "was broken: already resolved");

        var resolvedAll = mvc.post().uri("/alerts/resolve").with(as(Role.OPERATOR)).with(csrf())
                .param("alert", firing.toString(), over.toString()).param("source", source).exchange();
        assertThat(((ConsoleOutcome) resolvedAll.getMvcResult().getFlashMap().get("outcome")).title())
                .isEqualTo("1 resolved, 1 was already resolved.");
        assertThat(alerts.get(firing).resolvedBy()).isEqualTo(operator);
    }

    @Test
    void aBulkActionWithoutASelectionOrWithTooManyIsRefusedOnThePage() {
        var firing = raise("db-1 is down", Severity.CRITICAL, null);

        var none = html(mvc.post().uri("/alerts/acknowledge").with(as(Role.OPERATOR)).with(csrf())
                .param("source", source).exchange());
        assertThat(none).contains("error-summary", "Select at least one alert in the table first.");
        assertThat(ids(none)).as("the console, filtered as before").containsExactly(firing);

        var many = new ArrayList<String>();
        for (int i = 0; i <= Alerts.MAX_BULK; i++) {
            many.add(UUID.randomUUID().toString());
        }
        many.add(firing.toString());
        var tooMany = mvc.post().uri("/alerts/acknowledge").with(as(Role.OPERATOR)).with(csrf())
                .param("alert", many.toArray(String[]::new)).param("source", source).exchange();
        assertThat(tooMany).hasStatusOk();
        assertThat(html(tooMany)).contains("error-summary", "must list from 1 to 500 alert ids");
        assertThat(alerts.get(firing).status()).isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void viewersSeeNoButtonsAndTheirPostsAreRefused() {
        var firing = raise("db-1 is down", Severity.CRITICAL, null);

        for (var uri : List.of("/alerts/acknowledge", "/alerts/resolve", "/alerts/" + firing + "/acknowledge",
                "/alerts/" + firing + "/resolve")) {
            assertThat(mvc.post().uri(uri).with(as(Role.VIEWER)).with(csrf()).param("alert", firing.toString())
                    .exchange()).as(uri + " as a viewer").hasStatus(403);
            assertThat(mvc.post().uri(uri).with(as(Role.OPERATOR)).param("alert", firing.toString()).exchange())
                    .as(uri + " without the CSRF token").hasStatus(403);
        }
        assertThat(alerts.get(firing).status()).isEqualTo(AlertStatus.FIRING);

        var viewerPage = html(page("/alerts/" + firing, Role.VIEWER));
        assertThat(viewerPage).contains("db-1 is down").doesNotContain("data-testid=\"acknowledge\"")
                .doesNotContain("data-testid=\"resolve\"");
        var operatorConsole = html(page("/alerts?source=" + source, Role.OPERATOR));
        var bulk = Pattern.compile("<form id=\"bulk\" method=\"post\" action=\"/alerts/acknowledge\"[^>]*>"
                + "\\s*<input type=\"hidden\" name=\"_csrf\"").matcher(operatorConsole);
        assertThat(bulk.find()).as("the bulk form carries the CSRF token").isTrue();
        assertThat(operatorConsole).contains("name=\"alert\"", "formaction=\"/alerts/resolve\"", "data-select-all");
    }

    @Test
    void theAlertsPageShowsItsFieldsLabelsCiAndTimelineAndTakesAcknowledgeAndResolve() {
        var db = inventory.create(CiClass.SERVER, unique("db"), List.of(), List.of());
        intake.accept(List.of(new Event(source, "k1", EventAction.TRIGGER, Severity.CRITICAL, "db-1 is down",
                Map.of("alertname", "HostDown", "instance", "db-1:9100"), Map.of("runbook", "restart it"),
                CiHint.of(db.id()), Instant.now(), "javascript:alert(1)")));
        var id = only(source).id();
        var page = html(page("/alerts/" + id, Role.OPERATOR));
        assertThat(page).contains("<h1>db-1 is down</h1>", "the server time zone", ">CRITICAL</span>", ">Firing</span>",
                "href=\"/cis/" + db.id() + "\"", "HostDown", "db-1:9100", "runbook", "restart it", source,
                "data-testid=\"acknowledge\"", "data-testid=\"resolve\"");
        assertThat(page).as("a link that is no web address is text, never a link")
                .doesNotContain("href=\"javascript:").contains("javascript:alert(1)");
        assertThat(page).containsPattern("data-kind=\"OPENED\"");

        var acknowledged = mvc.post().uri("/alerts/" + id + "/acknowledge").with(as(Role.OPERATOR)).with(csrf())
                .exchange();
        assertThat(acknowledged).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts/" + id);
        assertThat(acknowledged.getMvcResult().getFlashMap().get("notice")).isEqualTo("Alert acknowledged.");
        assertThat(mvc.post().uri("/alerts/" + id + "/resolve").with(as(Role.OPERATOR)).with(csrf()).exchange())
                .hasStatus3xxRedirection();

        var after = html(page("/alerts/" + id, Role.OPERATOR));
        assertThat(after).containsPattern("data-kind=\"OPENED\"[\\s\\S]*data-kind=\"ACKNOWLEDGED\"[\\s\\S]*"
                + "data-kind=\"RESOLVED\"").contains(">Resolved</span>", accounts.operator().username())
                .doesNotContain("data-testid=\"acknowledge\"").doesNotContain("data-testid=\"resolve\"");
        var late = mvc.post().uri("/alerts/" + id + "/acknowledge").with(as(Role.OPERATOR)).with(csrf()).exchange();
        assertThat(late.getMvcResult().getFlashMap().get("notice"))
                .isEqualTo("The alert is resolved already: there is nothing to acknowledge.");
        assertThat(page("/alerts/" + UUID.randomUUID(), Role.VIEWER)).hasStatus(404);
        assertThat(page("/alerts/not-an-id", Role.VIEWER)).hasStatus(400);
    }

    @Test
    void theStreamTellsConsolesOfAChangeOnThisNodeAsSoonAsItIsCommitted() {
        var stream = mvc.get().uri("/alerts/stream").with(as(Role.VIEWER)).asyncExchange();
        assertThat(stream).hasStatusOk();
        var response = stream.getResponse();
        // The first signal may tell of anything; what counts is the one after the change.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> response.getContentAsString().contains("event:changed"));
        var before = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8).length();

        // A burst of changes, far more than one a second.
        for (int i = 0; i < 20; i++) {
            raise("burst " + i, Severity.WARNING, null);
        }

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(new String(
                response.getContentAsByteArray(), StandardCharsets.UTF_8).substring(before))
                .contains("event:changed\ndata:here"));
    }

    /** Raises one alert from this test's source; unmapped ones name a host no CI has. */
    private UUID raise(String summary, Severity severity, UUID ciId) {
        var hint = ciId == null ? new CiHint(null, "host-" + source, null) : CiHint.of(ciId);
        var key = unique("k");
        intake.accept(List.of(new Event(source, key, EventAction.TRIGGER, severity, summary, Map.of("key", key), null,
                hint, Instant.now(), null)));
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 500)).items()
                .stream().filter(a -> a.dedupKey().equals(key)).findFirst().orElseThrow().id();
    }

    private Alert only(String from) {
        var page = alerts.list(new AlertFilter(null, null, from, null, false, null), new PageRequest(0, 10));
        assertThat(page.items()).hasSize(1);
        return page.items().get(0);
    }

    private MvcTestResult page(String uri, Role role) {
        return mvc.get().uri(uri).with(as(role)).exchange();
    }

    private RequestPostProcessor as(Role role) {
        return user(accounts.of(role).username()).roles(role.name());
    }

    private static String html(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static List<UUID> ids(String html) {
        return ROW.matcher(html).results().map(m -> UUID.fromString(m.group(1))).toList();
    }

    private static String row(String html, UUID alertId) {
        var start = html.indexOf("data-alert-id=\"" + alertId + "\"");
        assertThat(start).as("row of " + alertId).isNotNegative();
        return html.substring(html.lastIndexOf("<tr", start), html.indexOf("</tr>", start));
    }
}
