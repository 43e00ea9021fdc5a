package io.opsline.monitoring;

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
import org.springframework.web.util.HtmlUtils;

import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.acknowledgement.Acknowledgements;
import io.opsline.monitoring.internal.downtime.Downtimes;
import io.opsline.monitoring.internal.engine.CheckStates;
import io.opsline.monitoring.internal.engine.PassiveResults;
import io.opsline.monitoring.web.BulkOutcome;
import io.opsline.platform.Secrets;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/** The status board, the list of checks and a check's page, as the server renders them. */
@OpslineIntegrationTest
class MonitoringPagesIT {

    private static final Pattern ROW = Pattern.compile("<tr\\b[^>]*\\bdata-check-id=\"([0-9a-f-]{36})\"[^>]*>");
    private static final Pattern CLASS = Pattern.compile("\\bclass=\"([^\"]*)\"");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement cis;
    @Autowired
    TeamManagement teams;
    @Autowired
    CheckDefinitions checks;
    @Autowired
    PassiveResults results;
    @Autowired
    CheckStateRepository stateRepository;
    @Autowired
    CheckStates states;
    @Autowired
    Acknowledgements acknowledgements;
    @Autowired
    Downtimes downtimes;

    BoardFixtures fixtures;
    String tag;
    CiView web;
    CiView db;
    CiView router;

    @BeforeEach
    void problems() {
        fixtures = new BoardFixtures(cis, teams, checks, results, stateRepository, acknowledgements, downtimes);
        tag = unique("board");
        web = fixtures.ci(tag + "-web", tag);
        db = fixtures.ci(tag + "-db", tag);
        router = fixtures.ci("network_device", tag + "-router", null, tag);
    }

    @Test
    void theBoardPutsConfirmedProblemsNobodyHandlesFirstAndMarksTheHandledOnes() {
        var warning = fixtures.check(web, "load", 1);
        fixtures.result(warning, "warning", "LOAD WARNING - load 7");
        var critical = fixtures.check(web, "disk", 1);
        fixtures.result(critical, "critical", "<b>DISK</b> CRITICAL - / 98% used");
        var acknowledged = fixtures.check(web, "http", 1);
        fixtures.result(acknowledged, "critical", "HTTP CRITICAL - 503");
        fixtures.acknowledge(acknowledged, "alice", "restarting the app server");
        var soft = fixtures.check(web, "tls", 3);
        fixtures.result(soft, "critical", "TLS CRITICAL - expired");
        var inDowntime = fixtures.check(db, "replication", 1);
        fixtures.result(inDowntime, "critical", "REPLICATION CRITICAL - lag 3600 s");
        fixtures.downtime(db, "bob");
        var unreachable = fixtures.check(db, "backup", 1);
        fixtures.causedBy(unreachable, router.id(), "BACKUP CRITICAL - no route");
        var ok = fixtures.check(web, "ping", 1);
        fixtures.result(ok, "ok", "PING OK");
        var neverRan = fixtures.check(web, "never ran", 1);
        fixtures.stateWithoutResult(neverRan);

        var html = html(page("/monitoring?tag=" + tag, Role.VIEWER));

        var rows = rows(html);
        assertThat(rows.keySet()).as("unhandled hard first (worst first), then handled hard, then soft")
                .startsWith(critical.toString(), warning.toString()).endsWith(soft.toString())
                .contains(acknowledged.toString(), inDowntime.toString(), unreachable.toString())
                .doesNotContain(ok.toString(), neverRan.toString()).hasSize(6);
        assertThat(rows.get(critical.toString())).contains("prominent").doesNotContain("handled");
        assertThat(rows.get(warning.toString())).contains("prominent");
        for (var handled : List.of(acknowledged, inDowntime, unreachable)) {
            assertThat(rows.get(handled.toString())).contains("handled").doesNotContain("prominent");
        }
        assertThat(rows.get(soft.toString())).doesNotContain("prominent").doesNotContain("handled");

        assertThat(row(html, critical)).contains(">CRITICAL</span>", "1/1 hard", "href=\"/cis/" + web.id() + "\"",
                "href=\"/checks/" + critical + "\"", "&lt;b&gt;DISK&lt;/b&gt; CRITICAL").doesNotContain("<b>DISK");
        assertThat(row(html, soft)).contains("1/3 soft");
        assertThat(row(html, acknowledged)).contains("Acknowledged by alice", "restarting the app server");
        assertThat(row(html, inDowntime)).contains("In downtime");
        assertThat(row(html, unreachable)).contains("Unreachable: caused by", tag + "-router",
                "href=\"/cis/" + router.id() + "\"");
        assertThat(html).as("viewers get no bulk actions").doesNotContain("name=\"check\"")
                .doesNotContain("/monitoring/acknowledgements").doesNotContain("Schedule downtime");
        assertThat(html).contains("hx-trigger=\"board-changed, every 30s\"", "hx-get=\"/monitoring?tag=" + tag + "\"",
                "data-live-stream=\"/monitoring/stream\"");
    }

    @Test
    void filtersByStateClassTeamAndHandlingAndSaysWhenNothingMatches() {
        var team = unique("team");
        fixtures.team(team);
        var owned = fixtures.ci("server", tag + "-owned", team, tag);
        var ownedCheck = fixtures.check(owned, "disk", 1);
        fixtures.result(ownedCheck, "critical", "DISK CRITICAL");
        var warning = fixtures.check(web, "load", 1);
        fixtures.result(warning, "warning", "LOAD WARNING");
        var routerCheck = fixtures.check(router, "ping", 1);
        fixtures.result(routerCheck, "unknown", "PING UNKNOWN");
        var acknowledged = fixtures.check(db, "http", 1);
        fixtures.result(acknowledged, "critical", "HTTP CRITICAL");
        fixtures.acknowledge(acknowledged, "alice", "on it");

        assertThat(rows(html(page("/monitoring?tag=" + tag + "&state=warning", Role.VIEWER))).keySet())
                .containsExactly(warning.toString());
        assertThat(rows(html(page("/monitoring?tag=" + tag + "&class=network_device", Role.VIEWER))).keySet())
                .containsExactly(routerCheck.toString());
        assertThat(rows(html(page("/monitoring?tag=" + tag + "&team=" + team, Role.VIEWER))).keySet())
                .containsExactly(ownedCheck.toString());
        assertThat(rows(html(page("/monitoring?tag=" + tag + "&hideHandled=true", Role.VIEWER))).keySet())
                .containsExactlyInAnyOrder(ownedCheck.toString(), warning.toString(), routerCheck.toString());

        var nothing = html(page("/monitoring?tag=" + tag + "&state=critical&class=database", Role.VIEWER));
        assertThat(rows(nothing)).isEmpty();
        assertThat(nothing).contains("No problems match these filters.");

        var bad = html(page("/monitoring?tag=" + tag + "&state=dreadful", Role.VIEWER));
        assertThat(bad).contains("error-summary", "unknown value &#39;dreadful&#39;");
        assertThat(rows(bad)).as("every problem, without the bad filter").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void theCountsAtTheTopFollowTheStates() {
        var before = states.countByState();
        var check = fixtures.check(web, "disk", 1);
        assertThat(states.countByState().get("PENDING")).isEqualTo(before.get("PENDING") + 1);
        fixtures.result(check, "critical", "DISK CRITICAL");

        var html = html(page("/monitoring", Role.VIEWER));

        assertThat(html).containsPattern("data-count=\"CRITICAL\">\\s*<strong>" + (before.get("CRITICAL") + 1)
                + "</strong><span>CRITICAL</span>");
        assertThat(html).containsPattern("data-count=\"OK\">\\s*<strong>" + before.get("OK") + "</strong>");
        assertThat(html).contains("href=\"/monitoring?state=critical\"", "href=\"/monitoring/checks?state=ok\"");
    }

    @Test
    void acknowledgesTheSelectedProblemsAndSaysWhichItRefusedAndWhy() {
        var critical = fixtures.check(web, "disk", 1);
        fixtures.result(critical, "critical", "DISK CRITICAL");
        var taken = fixtures.check(web, "http", 1);
        fixtures.result(taken, "critical", "HTTP CRITICAL");
        fixtures.acknowledge(taken, "alice", "on it");
        var ok = fixtures.check(web, "ping", 1);
        fixtures.result(ok, "ok", "PING OK");
        var gone = UUID.randomUUID();
        var operator = accounts.operator();

        var result = mvc.post().uri("/monitoring/acknowledgements").with(as(Role.OPERATOR)).with(csrf())
                .param("check", critical.toString(), taken.toString(), ok.toString(), gone.toString())
                .param("comment", "replacing the disk").param("sticky", "true").param("tag", tag).exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/monitoring?tag=" + tag);
        var outcome = (BulkOutcome) result.getMvcResult().getFlashMap().get("outcome");
        assertThat(outcome.title()).isEqualTo("Acknowledged 1 of 4 selected problems.");
        assertThat(outcome.done()).containsExactly(tag + "-web · disk");
        assertThat(outcome.refused()).containsExactly(tag + "-web · http: already acknowledged by alice",
                tag + "-web · ping: the check is OK: there is no problem to acknowledge",
                gone + ": no check with this id");
        var acknowledgement = acknowledgements.active(critical).orElseThrow();
        assertThat(acknowledgement.author()).isEqualTo(operator.username());
        assertThat(acknowledgement.comment()).isEqualTo("replacing the disk");
        assertThat(acknowledgement.sticky()).isTrue();

        // The outcome travels in the session (stored in the database) to the page the redirect leads to.
        var session = result.getResponse().getCookie("OPSLINE_SESSION");
        assertThat(session).isNotNull();
        var shown = html(mvc.get().uri("/monitoring?tag=" + tag).with(as(Role.OPERATOR)).cookie(session).exchange());
        assertThat(shown).contains("Acknowledged 1 of 4 selected problems.", "Not done:",
                "already acknowledged by alice");
        assertThat(rows(shown).get(critical.toString())).contains("handled");
    }

    @Test
    void anAcknowledgementWithoutACommentIsRefusedBesideTheFieldKeepingTheSelection() {
        var critical = fixtures.check(web, "disk", 1);
        fixtures.result(critical, "critical", "DISK CRITICAL");
        var other = fixtures.check(web, "load", 1);
        fixtures.result(other, "critical", "LOAD CRITICAL");

        var html = html(form("/monitoring/acknowledgements", Map.of("check", critical.toString(), "comment", " ",
                "tag", tag, "expiresAt", "tomorrow")));

        assertThat(html).contains("error-summary");
        assertInvalid(html, "textarea", "comment", "is required");
        assertInvalid(html, "input", "expiresAt", "must be a date and time");
        assertThat(element(html, "input", "select-" + critical)).contains("checked");
        assertThat(element(html, "input", "select-" + other)).doesNotContain("checked");
        assertThat(html).containsPattern("<details class=\"bulk-panel\" id=\"acknowledge-panel\" open=\"open\"");
        assertThat(acknowledgements.active(critical)).isEmpty();

        var none = html(form("/monitoring/acknowledgements", Map.of("comment", "on it", "tag", tag)));
        assertThat(none).contains("Select at least one problem in the table first.");
    }

    @Test
    void schedulesDowntimeForTheSelectedChecksOrTheirCisAndReportsWhatItRefused() {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL");
        var load = fixtures.check(web, "load", 1);
        fixtures.result(load, "warning", "LOAD WARNING");
        var replication = fixtures.check(db, "replication", 1);
        fixtures.result(replication, "critical", "REPLICATION CRITICAL");
        var gone = UUID.randomUUID();

        var onlyChecks = form("/monitoring/downtimes", Map.of("check", disk + "," + gone, "cover", "check",
                "downtimeComment", "swapping the disk", "start", "", "end", "", "zone", "Europe/Berlin",
                "tag", tag));

        assertThat(onlyChecks).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/monitoring?tag=" + tag);
        var outcome = (BulkOutcome) onlyChecks.getMvcResult().getFlashMap().get("outcome");
        assertThat(outcome.title()).startsWith("Scheduled downtime for 1 check, from ").endsWith("(Europe/Berlin).");
        assertThat(outcome.done()).containsExactly(tag + "-web · disk");
        assertThat(outcome.refused()).containsExactly(gone + ": no check with this id");
        var now = Instant.now();
        assertThat(downtimes.inDowntime(web.id(), disk, now)).isTrue();
        assertThat(downtimes.inDowntime(web.id(), load, now)).as("only the selected check").isFalse();

        var wholeCis = form("/monitoring/downtimes", Map.of("check", load + "," + replication, "cover", "ci",
                "downtimeComment", "maintenance window", "tag", tag));

        var both = (BulkOutcome) wholeCis.getMvcResult().getFlashMap().get("outcome");
        assertThat(both.done()).containsExactly("CI " + tag + "-web (all its checks)",
                "CI " + tag + "-db (all its checks)");
        assertThat(both.refused()).isEmpty();
        assertThat(downtimes.inDowntime(db.id(), replication, now.plusSeconds(60))).isTrue();
        assertThat(rows(html(page("/monitoring?tag=" + tag + "&hideHandled=true", Role.VIEWER)))).isEmpty();
    }

    @Test
    void aDowntimeThatCannotBeScheduledIsRefusedBesideItsFields() {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL");

        var noComment = html(form("/monitoring/downtimes", Map.of("check", disk.toString(), "tag", tag,
                "start", "soon")));
        assertInvalid(noComment, "textarea", "downtimeComment", "is required");
        assertInvalid(noComment, "input", "start", "must be a date and time");
        assertThat(noComment).containsPattern("<details class=\"bulk-panel\" id=\"downtime-panel\" open=\"open\"");

        var backwards = html(form("/monitoring/downtimes", Map.of("check", disk.toString(), "tag", tag,
                "downtimeComment", "reboot", "start", "2099-01-02T10:00", "end", "2099-01-02T09:00")));
        assertInvalid(backwards, "input", "end", "must be after the start");
        assertThat(downtimes.inDowntime(web.id(), disk, Instant.now())).isFalse();
    }

    @Test
    void viewersMayNotActAndFormsWithoutTheCsrfTokenAreRefused() {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL");
        var fields = Map.of("check", disk.toString(), "comment", "on it", "downtimeComment", "reboot");

        for (var uri : List.of("/monitoring/acknowledgements", "/monitoring/downtimes",
                "/checks/" + disk + "/acknowledgement")) {
            var asViewer = mvc.post().uri(uri).with(as(Role.VIEWER)).with(csrf());
            var withoutToken = mvc.post().uri(uri).with(as(Role.OPERATOR));
            for (var field : fields.entrySet()) {
                asViewer = asViewer.param(field.getKey(), field.getValue());
                withoutToken = withoutToken.param(field.getKey(), field.getValue());
            }
            assertThat(asViewer.exchange()).as(uri + " as a viewer").hasStatus(403);
            assertThat(withoutToken.exchange()).as(uri + " without the CSRF token").hasStatus(403);
        }
        assertThat(acknowledgements.active(disk)).isEmpty();
        assertThat(downtimes.inDowntime(web.id(), disk, Instant.now())).isFalse();

        var operatorBoard = html(page("/monitoring?tag=" + tag, Role.OPERATOR));
        var bulk = Pattern.compile("<form id=\"bulk\" method=\"post\" action=\"/monitoring/acknowledgements\"[^>]*>"
                + "\\s*<input type=\"hidden\" name=\"_csrf\"").matcher(operatorBoard);
        assertThat(bulk.find()).as("the bulk form carries the CSRF token").isTrue();
        assertThat(operatorBoard).contains("formaction=\"/monitoring/downtimes\"", "name=\"check\"");
    }

    @Test
    void theCheckPageShowsStateOutputPerformanceDataDefinitionAndHistory() {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL - <script>x</script> / 98% used\n/var: 91% used\n"
                + "| used=98%;80;90;0;100 inodes=12345");
        fixtures.acknowledge(disk, "alice", "ordering a bigger disk");
        var ssh = TestAccounts.actingAs("admin", Role.ADMIN, () -> checks.create(new CheckInput(web.id().toString(),
                "uptime", "ssh", Map.of("user", "monitor", "password", "s3cret-pw", "command", "uptime"), null, null,
                null, null, true, null))).id();

        var html = html(page("/checks/" + disk, Role.VIEWER));

        assertThat(html).contains("<h1><span>disk</span>", ">CRITICAL</span>", "1/1 hard");
        assertThat(html).contains("DISK CRITICAL - &lt;script&gt;x&lt;/script&gt; / 98% used")
                .doesNotContain("<script>x</script>");
        assertThat(html).containsPattern("data-testid=\"long-output\">/var: 91% used</pre>");
        assertThat(html).containsPattern("<td class=\"mono\">used</td>\\s*<td class=\"num\">98%</td>\\s*"
                + "<td class=\"num\">80</td>\\s*<td class=\"num\">90</td>\\s*<td class=\"num\">0</td>\\s*"
                + "<td class=\"num\">100</td>");
        assertThat(html).contains("Acknowledged", "ordering a bigger disk", "alice");
        assertThat(html).as("viewers get no forms").doesNotContain("Remove acknowledgement")
                .doesNotContain("/checks/" + disk + "/edit");
        assertThat(html).contains("Passive (pushed results)", "freshnessSeconds", "90000");
        assertThat(html).containsPattern("data-kind=\"ACKNOWLEDGED\"[\\s\\S]*data-kind=\"HARD_STATE\"");
        assertThat(html).containsPattern("<div id=\"check-graph\"[^>]*data-check-id=\"" + disk + "\"").contains("data-graph");

        var sshPage = html(page("/checks/" + ssh, Role.OPERATOR));
        assertThat(sshPage).contains(Secrets.MASK).doesNotContain("s3cret-pw");
        assertThat(sshPage).contains("PENDING", "not run yet", "href=\"/checks/" + ssh + "/edit\"");
        assertThat(sshPage).as("nothing to acknowledge while pending").doesNotContain("Acknowledge this problem");

        var operatorPage = html(page("/checks/" + disk, Role.OPERATOR));
        assertThat(operatorPage).contains("Remove acknowledgement", "action=\"/checks/" + disk
                + "/acknowledgement/delete\"");
    }

    @Test
    void acknowledgesOnTheCheckPageAndRemovesItAgain() {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL");
        var uri = "/checks/" + disk + "/acknowledgement";
        assertThat(html(page("/checks/" + disk, Role.OPERATOR))).contains("Acknowledge this problem");

        var refused = html(form(uri, Map.of("comment", "", "expiresAt", "2001-01-01T10:00", "zone", "UTC")));
        assertInvalid(refused, "textarea", "comment", "is required");
        assertInvalid(refused, "input", "expiresAt", "must be in the future");

        assertThat(form(uri, Map.of("comment", "looking", "sticky", "true"))).hasStatus3xxRedirection()
                .redirectedUrl().isEqualTo("/checks/" + disk);
        assertThat(acknowledgements.active(disk)).get().extracting(a -> a.comment()).isEqualTo("looking");

        assertThat(form(uri + "/delete", Map.of())).hasStatus3xxRedirection();
        assertThat(acknowledgements.active(disk)).isEmpty();
        var again = form(uri + "/delete", Map.of());
        assertThat(again.getMvcResult().getFlashMap().get("notice")).isEqualTo(
                "There was no acknowledgement to remove; it had already ended.");
    }

    @Test
    void createsEditsAndDeletesChecksShowingEachMistakeBesideItsField() {
        var newForm = html(page("/checks/new?ci=" + web.id(), Role.OPERATOR));
        assertThat(newForm).contains("New check on " + tag + "-web", "name=\"ci\" value=\"" + web.id() + "\"");
        assertThat(html(page("/checks/new", Role.OPERATOR))).as("without a CI, its id is asked for")
                .contains("<h1>New check</h1>").containsPattern("<input type=\"text\" id=\"ci\" name=\"ci\"");

        var broken = html(form("/checks", Map.of("ci", web.id().toString(), "name", "", "type", "tcp",
                "params", "{\"port\": ", "intervalSeconds", "often")));
        assertInvalid(broken, "textarea", "params", "must be a JSON object");
        assertInvalid(broken, "input", "intervalSeconds", "must be a whole number");
        assertThat(HtmlUtils.htmlUnescape(broken)).as("what was typed is kept").contains("{\"port\": </textarea>");

        var invalid = html(form("/checks", Map.of("ci", web.id().toString(), "name", "", "type", "tcp",
                "params", "{\"port\": 70000}", "maxAttempts", "50")));
        assertInvalid(invalid, "input", "name", "is required");
        assertInvalid(invalid, "textarea", "params", "port: must be");
        assertInvalid(invalid, "input", "maxAttempts", "must be from 1 to 20");

        var created = form("/checks", Map.of("ci", web.id().toString(), "name", "ssh port", "type", "tcp",
                "params", "{\"port\": 22}", "maxAttempts", "2", "enabled", "true"));
        assertThat(created).hasStatus3xxRedirection();
        var id = UUID.fromString(created.getResponse().getRedirectedUrl().substring("/checks/".length()));
        var check = checks.get(id);
        assertThat(check.maxAttempts()).isEqualTo(2);
        assertThat(check.params()).isEqualTo(Map.of("port", 22));

        var edit = html(page("/checks/" + id + "/edit", Role.OPERATOR));
        assertThat(edit).contains("Edit ssh port", "name=\"version\" value=\"1\"");
        var stale = html(form("/checks/" + id, Map.of("ci", web.id().toString(), "name", "ssh", "type", "tcp",
                "params", "{\"port\": 2222}", "version", "7", "enabled", "true")));
        assertThat(stale).contains("error-summary", "was changed by someone else");
        assertThat(form("/checks/" + id, Map.of("ci", web.id().toString(), "name", "ssh", "type", "tcp",
                "params", "{\"port\": 2222}", "version", "1"))).hasStatus3xxRedirection();
        assertThat(checks.get(id).params()).isEqualTo(Map.of("port", 2222));
        assertThat(checks.get(id).enabled()).as("an unticked box").isFalse();

        var deleted = form("/checks/" + id + "/delete", Map.of());
        assertThat(deleted).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/monitoring/checks?ci=" + web.id());
        assertThat(page("/checks/" + id, Role.VIEWER)).hasStatus(404);
    }

    @Test
    void listsChecksByCiTypeAndStateAndTheCiPageLoadsItsChecks() {
        var disk = fixtures.check(web, "disk", 1);
        fixtures.result(disk, "critical", "DISK CRITICAL");
        var ping = fixtures.check(web, "ping", 1);
        fixtures.result(ping, "ok", "PING OK");
        var fresh = fixtures.check(web, "fresh", 1);
        fixtures.check(db, "replication", 1);

        var all = html(page("/monitoring/checks?ci=" + web.id(), Role.VIEWER));
        assertThat(ids(all)).containsExactlyInAnyOrder(disk.toString(), ping.toString(), fresh.toString());
        assertThat(all).contains("Checks of " + tag + "-web");
        assertThat(all).as("only the most specific navigation link is the current page")
                .containsPattern("<a href=\"/monitoring/checks\"[^>]*aria-current=\"page\"[^>]*>Checks</a>")
                .contains("<a href=\"/monitoring\">Status board</a>")
                .contains("<a href=\"/monitoring/checks\">all CIs</a>");
        assertThat(ids(html(page("/monitoring/checks?ci=" + web.id() + "&state=critical", Role.VIEWER))))
                .containsExactly(disk.toString());
        assertThat(ids(html(page("/monitoring/checks?ci=" + web.id() + "&state=ok", Role.VIEWER))))
                .containsExactly(ping.toString());
        assertThat(ids(html(page("/monitoring/checks?ci=" + web.id() + "&state=pending", Role.VIEWER))))
                .containsExactly(fresh.toString());
        assertThat(ids(html(page("/monitoring/checks?ci=" + web.id() + "&type=tcp", Role.VIEWER)))).isEmpty();
        assertThat(html(page("/monitoring/checks?state=sideways", Role.VIEWER))).contains("error-summary",
                "unknown value &#39;sideways&#39;");

        var fragment = html(page("/monitoring/ci/" + web.id() + "/checks", Role.VIEWER));
        assertThat(fragment).contains("<section class=\"card\" id=\"monitoring\"", ">CRITICAL</span>", ">OK</span>",
                ">PENDING</span>", "href=\"/checks/" + disk + "\"").doesNotContain("Add a check");
        assertThat(html(page("/monitoring/ci/" + web.id() + "/checks", Role.OPERATOR)))
                .contains("href=\"/checks/new?ci=" + web.id() + "\"");
        assertThat(html(page("/cis/" + web.id(), Role.VIEWER)))
                .contains("hx-get=\"/monitoring/ci/" + web.id() + "/checks\"");
    }

    private MvcTestResult page(String uri, Role role) {
        return mvc.get().uri(uri).with(as(role)).exchange();
    }

    /** Posts the form as an operator; a value with commas is sent as several values (the selected checks). */
    private MvcTestResult form(String uri, Map<String, String> fields) {
        var request = mvc.post().uri(uri).with(as(Role.OPERATOR)).with(csrf());
        for (var field : fields.entrySet()) {
            request = request.param(field.getKey(), field.getKey().equals("check")
                    ? field.getValue().split(",") : new String[] {field.getValue()});
        }
        return request.exchange();
    }

    private RequestPostProcessor as(Role role) {
        return user(accounts.of(role).username()).roles(role.name());
    }

    private static String html(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** The board's rows in order: check id to the row's classes. */
    private static Map<String, String> rows(String html) {
        var rows = new java.util.LinkedHashMap<String, String>();
        ROW.matcher(html).results().forEach(m -> {
            var classes = CLASS.matcher(m.group());
            rows.put(m.group(1), classes.find() ? classes.group(1) : "");
        });
        return rows;
    }

    private static List<String> ids(String html) {
        return List.copyOf(rows(html).keySet());
    }

    private static String row(String html, UUID checkId) {
        var start = html.indexOf("data-check-id=\"" + checkId + "\"");
        assertThat(start).as("row of " + checkId).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static String element(String html, String tag, String id) {
        var matcher = Pattern.compile("<" + tag + "\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertThat(matcher.find()).as("<%s id=%s>", tag, id).isTrue();
        return matcher.group();
    }

    private static void assertInvalid(String html, String tag, String id, String message) {
        assertThat(element(html, tag, id)).contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"" + id + "-error\"");
        var error = Pattern.compile("<p class=\"field-error\" id=\"" + Pattern.quote(id + "-error") + "\">([^<]*)</p>")
                .matcher(html);
        assertThat(error.find()).as("field-error of %s", id).isTrue();
        assertThat(HtmlUtils.htmlUnescape(error.group(1))).contains(message);
    }
}
