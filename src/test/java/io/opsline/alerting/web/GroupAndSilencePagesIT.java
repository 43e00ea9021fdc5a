package io.opsline.alerting.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.alerting.internal.correlate.AlertGroups;
import io.opsline.alerting.internal.suppress.SilenceState;
import io.opsline.alerting.internal.suppress.Silences;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.platform.PageRequest;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** The alert group and silence pages as the server renders them, and the actions behind their buttons. */
@OpslineIntegrationTest
class GroupAndSilencePagesIT {

    private static final Pattern GROUP_ROW = Pattern.compile("<tr\\b[^>]*\\bdata-group-id=\"([0-9a-f-]{36})\"");

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
    AlertGroups groups;
    @Autowired
    Silences silences;

    String source;

    @BeforeEach
    void source() {
        source = unique("pages");
    }

    @Test
    void theGroupListPutsOpenProblemsFirstTheWorstThenTheNewest() {
        var warning = groupOf(raise("load high", Severity.WARNING, Map.of()));
        var olderCritical = groupOf(raise("db-1 is down", Severity.CRITICAL, Map.of()));
        var info = groupOf(raise("certificate renewed soon", Severity.INFO, Map.of()));
        var newerCritical = groupOf(raise("payments failing", Severity.CRITICAL, Map.of()));
        var resolvedAlert = raise("was broken", Severity.CRITICAL, Map.of());
        alerts.resolve(resolvedAlert, "bob");
        var resolved = groupOf(resolvedAlert);
        var mine = List.of(warning, olderCritical, info, newerCritical, resolved);

        var html = html(page("/alerts/groups?size=500", Role.VIEWER));
        assertThat(groupIds(html).stream().filter(mine::contains))
                .containsExactly(newerCritical, olderCritical, warning, info);
        assertThat(html).contains("payments failing", ">CRITICAL</span>", "data-escalation");

        assertThat(groupIds(html(page("/alerts/groups?status=resolved&size=500", Role.VIEWER)))).contains(resolved)
                .doesNotContain(newerCritical);
        assertThat(groupIds(html(page("/alerts/groups?severity=warning&size=500", Role.VIEWER)))).contains(warning)
                .doesNotContain(newerCritical, olderCritical, info);
        var bad = html(page("/alerts/groups?severity=dreadful&status=sleeping", Role.VIEWER));
        assertThat(bad).contains("error-summary", "unknown value &#39;dreadful&#39;", "unknown value &#39;sleeping&#39;");
    }

    @Test
    void aGroupsPageShowsItsRootCauseFirstItsTimelineAndAnOperatorAcknowledgesIt() {
        var rule = new ApiCalls(mvc, json).post(accounts.admin().token(), "/api/v1/grouping-rules", Map.of(
                "name", "by cluster " + source, "groupBy", List.of("cluster"),
                "matchers", List.of(Map.of("label", "source", "value", source, "regex", false))));
        assertThat(rule).hasStatus(201);
        var root = raise("db cluster down", Severity.CRITICAL, Map.of("cluster", "eu-1"));
        var joined = raise("replica lagging", Severity.WARNING, Map.of("cluster", "eu-1"));
        var group = groupOf(root);
        assertThat(groupOf(joined)).isEqualTo(group);

        var viewerPage = html(page("/alerts/groups/" + group, Role.VIEWER));
        assertThat(viewerPage).contains("<h1>db cluster down</h1>", "by cluster " + source, "(root cause)",
                "href=\"/alerts/" + root + "\"", "href=\"/alerts/" + joined + "\"", "Group opened", "Alert joined")
                .doesNotContain("data-testid=\"acknowledge\"").doesNotContain("data-testid=\"silence\"");
        assertThat(viewerPage.indexOf("data-alert-id=\"" + root + "\""))
                .as("the root cause before the alert that joined it")
                .isLessThan(viewerPage.indexOf("data-alert-id=\"" + joined + "\""));
        assertThat(mvc.post().uri("/alerts/groups/" + group + "/acknowledge").with(as(Role.VIEWER)).with(csrf())
                .exchange()).hasStatus(403);
        assertThat(alerts.get(root).status()).isEqualTo(AlertStatus.FIRING);

        var operatorPage = html(page("/alerts/groups/" + group, Role.OPERATOR));
        assertThat(operatorPage).contains("data-testid=\"acknowledge\"",
                "href=\"/alerts/silences/new?group=" + group + "\"");
        var acknowledged = mvc.post().uri("/alerts/groups/" + group + "/acknowledge").with(as(Role.OPERATOR))
                .with(csrf()).exchange();
        assertThat(acknowledged).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts/groups/" + group);
        assertThat(acknowledged.getMvcResult().getFlashMap().get("notice"))
                .isEqualTo("2 alerts acknowledged; nobody more is paged about this group.");
        var operator = accounts.operator().username();
        assertThat(List.of(alerts.get(root), alerts.get(joined))).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(a.acknowledgedBy()).isEqualTo(operator);
        });
        var after = html(page("/alerts/groups/" + group, Role.OPERATOR));
        assertThat(after).contains("Alert acknowledged", "data-acknowledged-by>" + operator + "<")
                .doesNotContain("data-testid=\"acknowledge\"");
        assertThat(after.indexOf("Group opened")).as("the timeline in time order")
                .isLessThan(after.indexOf("Alert joined")).isLessThan(after.indexOf("Alert acknowledged"));
        assertThat(page("/alerts/groups/" + UUID.randomUUID(), Role.VIEWER)).hasStatus(404);
    }

    @Test
    void theConsoleSelectionPrefillsTheFormAndTheSilenceSuppressesExactlyThoseAlerts() {
        var first = raise("db-1 is down", Severity.CRITICAL, Map.of("alertname", "HostDown", "instance", "db-1"));
        var second = raise("db-2 is down", Severity.ERROR, Map.of("alertname", "HostDown", "instance", "db-2"));
        var other = raise("db-3 is down", Severity.CRITICAL, Map.of("alertname", "HostDown", "instance", "db-3"));

        var form = html(mvc.post().uri("/alerts/silences/new").with(as(Role.OPERATOR)).with(csrf())
                .param("alert", first.toString(), second.toString()).param("source", source).exchange());
        assertThat(form).contains("Prefilled to cover the 2 alerts you chose.", "These matchers match 2 open alerts now.",
                "value=\"" + source + "\"", "value=\"HostDown\"", "value=\"db\\-1|db\\-2\"",
                "<option value=\"=~\" selected=\"selected\">").doesNotContain("data-testid=\"wider\"");
        assertThat(Pattern.compile("<form method=\"post\" action=\"/alerts/silences\"[^>]*>"
                + "\\s*<input type=\"hidden\" name=\"_csrf\"").matcher(form).find())
                .as("the form carries the CSRF token").isTrue();

        var created = mvc.post().uri("/alerts/silences").with(as(Role.OPERATOR)).with(csrf())
                .param("matcherName", "source", "alertname", "instance", "")
                .param("matcherOperator", "=", "=", "=~", "=")
                .param("matcherValue", source, "HostDown", "db\\-1|db\\-2", "")
                .param("duration", "1h").param("comment", "replacing the disks").exchange();
        assertThat(created).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts/silences");
        assertThat(created.getMvcResult().getFlashMap().get("notice"))
                .isEqualTo("Silence created; it matches 2 open alerts now.");
        var silence = (UUID) created.getMvcResult().getFlashMap().get("created");
        assertThat(alerts.get(first).status()).isEqualTo(AlertStatus.SUPPRESSED);
        assertThat(alerts.get(second).status()).isEqualTo(AlertStatus.SUPPRESSED);
        assertThat(alerts.get(other).status()).isEqualTo(AlertStatus.FIRING);
        var stored = silences.get(silence);
        assertThat(stored.createdBy()).isEqualTo(accounts.operator().username());
        assertThat(java.time.Duration.between(stored.startsAt(), stored.endsAt()).toMinutes()).isBetween(59L, 60L);

        var console = html(page("/alerts?source=" + source, Role.VIEWER));
        var firstRow = console.substring(console.indexOf("data-alert-id=\"" + first + "\""));
        assertThat(firstRow.substring(0, firstRow.indexOf("</tr>"))).contains(">Suppressed</span>",
                "href=\"/alerts/silences#silence-" + silence + "\"", "by a silence");
        assertThat(html(page("/alerts/" + second, Role.VIEWER))).contains("href=\"/alerts/silences#silence-" + silence
                + "\"");

        var list = html(page("/alerts/silences", Role.OPERATOR));
        var row = list.substring(list.indexOf("id=\"silence-" + silence + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(">Active</span>", "source=&quot;" + source + "&quot;", "replacing the disks",
                "data-matching>2<", "/alerts/silences/" + silence + "/expire");

        var expired = mvc.post().uri("/alerts/silences/" + silence + "/expire").with(as(Role.OPERATOR)).with(csrf())
                .exchange();
        assertThat(expired).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts/silences");
        assertThat(silences.get(silence).state()).isEqualTo(SilenceState.EXPIRED);
        assertThat(alerts.get(first).status()).isEqualTo(AlertStatus.FIRING);
        var audit = new ApiCalls(mvc, json).body(new ApiCalls(mvc, json).get(accounts.admin().token(),
                "/api/v1/audit?entityId=" + silence));
        assertThat(audit.get("items").valueStream().map(e -> e.get("action").asString()).toList())
                .contains("silence.create", "silence.expire");
    }

    @Test
    void aGroupsPageAndQueryParametersPrefillTheFormToo() {
        var alert = raise("disk full", Severity.WARNING, Map.of("alertname", "DiskFull", "instance", "fs-1"));
        var group = groupOf(alert);

        var fromGroup = html(page("/alerts/silences/new?group=" + group, Role.OPERATOR));
        assertThat(fromGroup).contains("Prefilled to cover the 1 alert you chose.", "value=\"DiskFull\"",
                "value=\"fs-1\"", "These matchers match 1 open alert now.");

        var typed = html(page("/alerts/silences/new?matcherName=alertname&matcherOperator=%3D&matcherValue=DiskFull"
                + "&comment=planned", Role.OPERATOR));
        assertThat(typed).contains("value=\"DiskFull\"", ">planned</textarea>");
        assertThat(html(page("/alerts/silences/new?group=" + UUID.randomUUID(), Role.OPERATOR)))
                .contains("error-summary", "No alert group with the id");
        assertThat(html(mvc.post().uri("/alerts/silences/new").with(as(Role.OPERATOR)).with(csrf()).exchange()))
                .contains("error-summary", "Select at least one alert on the console first");
    }

    @Test
    void aRefusedSilenceShowsEachErrorBesideItsFieldAndKeepsWhatWasTyped() {
        var alert = raise("queue backlog", Severity.WARNING, Map.of("queue", "orders"));
        var before = silences.list(null).size();

        var refused = mvc.post().uri("/alerts/silences").with(as(Role.OPERATOR)).with(csrf())
                .param("matcherName", "", "queue", "")
                .param("matcherOperator", "=", "=~", "=")
                .param("matcherValue", "", "orders(", "")
                .param("duration", "until").param("endsAt", "2020-01-01T10:00").param("comment", "").exchange();

        assertThat(refused).hasStatusOk();
        var html = html(refused);
        assertThat(html).contains("error-summary", "href=\"#matchers[1].value\"", "id=\"matchers[1].value-error\"",
                "no valid regular expression", "id=\"comment-error\"", "value=\"orders(\"", "value=\"queue\"",
                "value=\"2020-01-01T10:00\"", "<option value=\"until\" selected=\"selected\">");
        assertThat(silences.list(null)).as("nothing stored").hasSize(before);
        assertThat(alerts.get(alert).status()).isEqualTo(AlertStatus.FIRING);

        var unreadable = html(mvc.post().uri("/alerts/silences").with(as(Role.OPERATOR)).with(csrf())
                .param("matcherName", "queue").param("matcherOperator", "=").param("matcherValue", "orders")
                .param("duration", "until").param("endsAt", "next week").param("comment", "why").exchange());
        assertThat(unreadable).contains("id=\"endsAt-error\"", "must be a date and time", "value=\"next week\"");
    }

    @Test
    void viewersSeeTheListsWithoutButtonsAndTheirPostsAreRefused() {
        var alert = raise("db-1 is down", Severity.CRITICAL, Map.of("instance", "db-1"));
        var silence = silences.create(new io.opsline.alerting.internal.suppress.SilenceInput(
                List.of(new io.opsline.alerting.internal.suppress.MatcherInput("source", "=", source)), null,
                Instant.now().plusSeconds(3600).toString(), "test", null), "alice").silence().id();

        var list = html(page("/alerts/silences", Role.VIEWER));
        assertThat(list).contains("id=\"silence-" + silence + "\"").doesNotContain("data-testid=\"expire\"")
                .doesNotContain("data-testid=\"new-silence\"");
        assertThat(page("/alerts/silences/new", Role.VIEWER)).hasStatus(403);
        for (var uri : List.of("/alerts/silences", "/alerts/silences/new", "/alerts/silences/" + silence + "/expire",
                "/alerts/groups/" + groupOf(alert) + "/acknowledge")) {
            assertThat(mvc.post().uri(uri).with(as(Role.VIEWER)).with(csrf()).param("alert", alert.toString())
                    .param("matcherName", "source").param("matcherOperator", "=").param("matcherValue", source)
                    .param("comment", "x").exchange()).as(uri + " as a viewer").hasStatus(403);
        }
        assertThat(silences.get(silence).state()).isEqualTo(SilenceState.ACTIVE);
        assertThat(html(page("/alerts?source=" + source, Role.VIEWER))).doesNotContain("Silence…");
        assertThat(html(page("/alerts?source=" + source, Role.OPERATOR)))
                .contains("formaction=\"/alerts/silences/new\"");
        silences.expire(silence);
    }

    private UUID raise(String summary, Severity severity, Map<String, String> labels) {
        var key = unique("k");
        intake.accept(List.of(new Event(source, key, EventAction.TRIGGER, severity, summary, labels, null,
                new CiHint(null, "host-" + source, null), Instant.now(), null)));
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 500)).items()
                .stream().filter(a -> a.dedupKey().equals(key)).findFirst().orElseThrow().id();
    }

    private UUID groupOf(UUID alertId) {
        return groups.groupOf(alertId).orElseThrow();
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

    private static List<UUID> groupIds(String html) {
        return GROUP_ROW.matcher(html).results().map(m -> UUID.fromString(m.group(1))).toList();
    }
}
