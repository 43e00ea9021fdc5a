package io.opsline.servicedesk.web;

import static io.opsline.identity.ApiCalls.unique;
import static io.opsline.servicedesk.web.DeskPages.fieldError;
import static io.opsline.servicedesk.web.DeskPages.html;
import static io.opsline.servicedesk.web.DeskPages.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.ServiceDeskFixtures;
import io.opsline.servicedesk.internal.IncidentFilter;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestAccounts.Account;
import tools.jackson.databind.json.JsonMapper;

/** The incident pages as the server renders them, and the forms and buttons behind them. */
@OpslineIntegrationTest
class IncidentPagesIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    TeamManagement teamManagement;
    @Autowired
    Incidents incidents;

    DeskPages pages;
    ApiCalls api;
    Account operator;
    Account viewer;

    @BeforeEach
    void setUp() {
        pages = new DeskPages(mvc);
        api = new ApiCalls(mvc, json);
        operator = accounts.operator();
        viewer = accounts.viewer();
    }

    @Test
    void theQueuePutsOpenIncidentsFirstP1FirstAndFiltersThem() {
        var tag = unique("queue");
        var moderate = open(tag + " printer slow", "medium", "medium", Map.of());
        var critical = open(tag + " checkout down", "high", "high", Map.of());
        var low = open(tag + " typo on the wiki", "low", "low", Map.of());
        var resolvedCritical = open(tag + " was broken", "high", "high", Map.of());
        resolve(resolvedCritical);
        var major = open(tag + " everything slow", "medium", "low", Map.of("major", true));
        var team = unique("network");
        var teamId = new ServiceDeskFixtures(teamManagement, accounts).team(team, operator.username());
        var teams = open(tag + " switch flapping", "low", "medium", Map.of("team", team,
                "assignee", operator.username()));

        var all = pages.html("/incidents?state=any&q=" + tag, viewer);
        assertThat(values(all, "data-incident")).containsExactly(critical, moderate, low, major, teams,
                resolvedCritical);
        assertThat(all).contains("<span class=\"badge state-badge state-critical\" title=\"P1 – Critical\">P1</span>",
                tag + " checkout down").doesNotContain("data-testid=\"new-incident\"");

        assertThat(values(pages.html("/incidents?q=" + tag, viewer), "data-incident"))
                .as("open ones only, unless asked").containsExactly(critical, moderate, low, major, teams);
        assertThat(values(pages.html("/incidents?state=any&priority=P1&q=" + tag, viewer), "data-incident"))
                .containsExactly(critical, resolvedCritical);
        assertThat(values(pages.html("/incidents?state=resolved&q=" + tag, viewer), "data-incident"))
                .containsExactly(resolvedCritical);
        assertThat(values(pages.html("/incidents?team=" + teamId, viewer), "data-incident")).containsExactly(teams);
        assertThat(values(pages.html("/incidents?major=true&q=" + tag, viewer), "data-incident"))
                .containsExactly(major);
        assertThat(values(pages.html("/incidents?assignee=me&q=" + tag, operator), "data-incident"))
                .containsExactly(teams);
        assertThat(values(pages.html("/incidents?q=" + critical, viewer), "data-incident")).containsExactly(critical);
        assertThat(values(pages.html("/incidents?state=any&priority=&team=&assignee=&major=&service=&q=" + tag,
                viewer), "data-incident")).as("the filter form sent with every field left at Any")
                .containsExactly(critical, moderate, low, major, teams, resolvedCritical);

        var queue = pages.html("/incidents", operator);
        assertThat(queue).contains("data-testid=\"new-incident\"");
        var openP1 = incidents.search(new IncidentFilter(EnumSet.of(IncidentState.NEW, IncidentState.IN_PROGRESS,
                IncidentState.ON_HOLD), EnumSet.of(Priority.P1), null, null, null, null, null, null, null, null, null,
                null, null), new PageRequest(0, 1)).total();
        assertThat(queue).containsPattern("data-priority=\"P1\">\\s*<strong data-count>" + openP1 + "</strong>");

        var bad = pages.get("/incidents?priority=P9&assignee=" + unique("nobody"), viewer);
        assertThat(bad).hasStatusOk();
        assertThat(html(bad)).contains("error-summary", "&#39;P9&#39; is not one of P1, P2, P3, P4", "no user nobody-");
    }

    @Test
    void theNewIncidentFormShowsEachMistakeBesideItsFieldAndStoresNothingUntilItIsRight() {
        var title = unique("Mail queue stuck");
        var form = pages.html("/incidents/new", operator);
        assertThat(form).contains("data-testid=\"priority-matrix\"", "<option value=\"Database\">Database</option>");
        assertThat(pages.get("/incidents/new", viewer)).hasStatus(403);

        var fields = new HashMap<String, String>();
        fields.put("title", " ");
        fields.put("description", "Nothing leaves the relay since 10:02");
        fields.put("impact", "enormous");
        fields.put("urgency", "high");
        fields.put("category", "Plumbing");
        fields.put("cis", "not-an-id\n" + java.util.UUID.randomUUID());
        var refused = pages.post("/incidents", operator, fields);

        assertThat(refused).hasStatus(422);
        var page = html(refused);
        assertThat(fieldError(page, "title")).isEqualTo("is required");
        assertThat(fieldError(page, "impact")).startsWith("must be one of high, medium, low");
        assertThat(fieldError(page, "category")).startsWith("must be one of Hardware");
        assertThat(fieldError(page, "cis")).startsWith("line 1: must be a configuration item id; line 2: no configuration item");
        assertThat(page).contains("Nothing leaves the relay since 10:02", "error-summary");
        assertThat(values(pages.html("/incidents?state=any&q=" + title, operator), "data-incident")).isEmpty();

        fields.put("title", title);
        fields.put("impact", "high");
        fields.put("category", "Network");
        fields.put("cis", "");
        var created = pages.post("/incidents", operator, fields);

        assertThat(created).hasStatus3xxRedirection();
        var location = created.getResponse().getRedirectedUrl();
        assertThat(location).matches("/incidents/INC-\\d{6}");
        assertThat(created.getMvcResult().getFlashMap().get("notice")).asString().endsWith("as P1 – Critical.");
        var shown = pages.html(location, viewer);
        assertThat(shown).contains(title, "P1 – Critical", "data-state>New<", "Nothing leaves the relay since 10:02");
    }

    @Test
    void aStaleEditShowsTheConflictAndWhatIsStoredAndOverwritesNothing() {
        var reference = open(unique("VPN drops"), "medium", "medium", Map.of());
        var page = pages.html("/incidents/" + reference, operator);
        assertThat(page).contains("name=\"version\" value=\"0\" data-version");

        var first = pages.post("/incidents/" + reference, operator, edit("0", "VPN drops every hour", "high"));
        assertThat(first).hasStatus3xxRedirection();
        var second = pages.post("/incidents/" + reference, accounts.admin(), edit("0", "VPN is fine", "low"));

        assertThat(second).hasStatus(409);
        var conflict = html(second);
        assertThat(conflict).contains("data-testid=\"conflict\"", "was changed by someone else",
                "value=\"VPN drops every hour\"", "name=\"version\" value=\"1\" data-version",
                "<dt>Title</dt><dd>VPN is fine</dd>", "<dt>Urgency</dt><dd>low</dd>");
        var stored = incidents.get(reference);
        assertThat(stored.title()).isEqualTo("VPN drops every hour");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.priority()).isEqualTo(Priority.P2);

        var invalid = pages.post("/incidents/" + reference, operator, edit("1", "", "high"));
        assertThat(invalid).hasStatus(422);
        assertThat(fieldError(html(invalid), "title")).isEqualTo("is required");
        assertThat(incidents.get(reference).version()).isEqualTo(1);
    }

    @Test
    void operatorsTakeResolveAndCloseAnIncidentWhileViewersSeeNoButtonsAndAreRefused() {
        var reference = open(unique("Disk full on db-7"), "high", "medium", Map.of());

        var asViewer = pages.html("/incidents/" + reference, viewer);
        assertThat(asViewer).doesNotContain("data-testid=\"take\"", "data-move=", "data-testid=\"edit\"",
                "data-testid=\"add-comment\"");
        assertThat(pages.post("/incidents/" + reference + "/acknowledge", viewer, Map.of("version", "0")))
                .hasStatus(403);
        assertThat(pages.post("/incidents/" + reference + "/transition", viewer, Map.of("version", "0", "state",
                "resolved", "resolutionCode", "solved_permanently", "resolutionNotes", "x"))).hasStatus(403);
        assertThat(pages.post("/incidents/" + reference + "/comments", viewer, Map.of("body", "hello")))
                .hasStatus(403);
        assertThat(incidents.get(reference).state()).isEqualTo(IncidentState.NEW);

        var asOperator = pages.html("/incidents/" + reference, operator);
        assertThat(asOperator).contains("data-testid=\"take\"", "data-move=\"in_progress\">Start work<",
                "data-move=\"on_hold\"", "data-move=\"resolved\"");
        var taken = pages.post("/incidents/" + reference + "/acknowledge", operator, Map.of("version", "0"));
        assertThat(taken).hasStatus3xxRedirection();
        var incident = incidents.get(reference);
        assertThat(incident.state()).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(incident.assigneeId()).isEqualTo(operator.id());

        var stale = pages.post("/incidents/" + reference + "/transition", operator, Map.of("version", "0", "state",
                "on_hold", "holdReason", "awaiting_vendor"));
        assertThat(stale).hasStatus(409);
        assertThat(html(stale)).contains("data-testid=\"conflict\"", "was changed by someone else");

        var version = String.valueOf(incident.version());
        var noNotes = pages.post("/incidents/" + reference + "/transition", operator, Map.of("version", version,
                "state", "resolved", "resolutionCode", "solved_workaround"));
        assertThat(noNotes).hasStatus(422);
        assertThat(fieldError(html(noNotes), "resolutionNotes")).isEqualTo("is required");
        assertThat(html(noNotes)).contains("<option value=\"solved_workaround\" selected=\"selected\">");

        pages.post("/incidents/" + reference + "/comments", operator, Map.of("body", "Cleaned /var/log",
                "workNote", "false"));
        pages.post("/incidents/" + reference + "/comments", operator, Map.of("body", "root password is in the safe",
                "workNote", "true"));
        var resolved = pages.post("/incidents/" + reference + "/transition", operator, Map.of("version", version,
                "state", "resolved", "resolutionCode", "solved_workaround", "resolutionNotes", "Old logs removed"));
        assertThat(resolved).hasStatus3xxRedirection();
        assertThat(resolved.getMvcResult().getFlashMap().get("notice")).isEqualTo(reference + " is Resolved now.");

        var after = pages.html("/incidents/" + reference, operator);
        assertThat(after).contains("data-move=\"in_progress\">Reopen<", "data-move=\"closed\"",
                "Solved workaround</span>:", "Old logs removed", "State: In progress → Resolved",
                "Cleaned /var/log").doesNotContain("data-testid=\"take\"");
        assertThat(after).containsPattern("data-kind=\"work_note\" data-internal=\"true\"[^>]*>[\\s\\S]*?Internal"
                + "[\\s\\S]*?root password is in the safe");
        var closed = pages.post("/incidents/" + reference + "/transition", operator, Map.of("version",
                String.valueOf(incidents.get(reference).version()), "state", "closed"));
        assertThat(closed).hasStatus3xxRedirection();
        assertThat(pages.html("/incidents/" + reference, operator)).doesNotContain("data-move=", "data-testid=\"edit\"");
        assertThat(pages.get("/incidents/INC-999999999", viewer)).hasStatus(404);
    }

    private Map<String, String> edit(String version, String title, String urgency) {
        var fields = new HashMap<String, String>();
        fields.put("version", version);
        fields.put("title", title);
        fields.put("impact", "medium");
        fields.put("urgency", urgency);
        fields.put("description", "");
        fields.put("caller", "");
        fields.put("category", "");
        fields.put("team", "");
        fields.put("assignee", "");
        fields.put("cis", "");
        return fields;
    }

    private String open(String title, String impact, String urgency, Map<String, Object> more) {
        var body = new HashMap<String, Object>(more);
        body.put("title", title);
        body.put("impact", impact);
        body.put("urgency", urgency);
        var created = api.post(operator.token(), "/api/v1/incidents", body);
        assertThat(created).hasStatus(201);
        return api.body(created).get("reference").asString();
    }

    private void resolve(String reference) {
        var version = incidents.get(reference).version();
        assertThat(api.post(operator.token(), "/api/v1/incidents/" + reference + "/transition", Map.of("version",
                version, "state", "resolved", "resolutionCode", "duplicate", "resolutionNotes", "see the other one")))
                .hasStatus(200);
    }
}
