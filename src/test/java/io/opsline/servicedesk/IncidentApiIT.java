package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class IncidentApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    TeamManagement teamManagement;
    @Autowired
    CiManagement ciManagement;
    @Autowired
    RelationshipManagement relationshipManagement;

    ApiCalls api;
    ServiceDeskFixtures desk;
    CiFixtures cis;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        desk = new ServiceDeskFixtures(teamManagement, accounts);
        cis = new CiFixtures(ciManagement, relationshipManagement);
        operator = accounts.operator().token();
    }

    @Test
    void opensANumberedIncidentWithPriorityFromImpactAndUrgencyAndTheServicesItsCisImpact() {
        var db = cis.create("database", unique("db"));
        var app = cis.create("application", unique("shop-app"));
        var shop = cis.create("business_service", unique("Web shop"));
        cis.relate(app, "depends_on", db);
        cis.relate(shop, "depends_on", app);

        var created = api.post(operator, "/api/v1/incidents", Map.of("title", "Checkout fails", "impact", "high",
                "urgency", "medium", "category", "database", "cis", List.of(db.id().toString())));

        assertThat(created).hasStatus(201);
        var incident = api.body(created);
        var reference = incident.get("reference").asString();
        assertThat(reference).matches("INC-\\d{6}");
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/incidents/" + reference);
        assertThat(incident.get("priority").asString()).isEqualTo("P2");
        assertThat(incident.get("state").asString()).isEqualTo("new");
        assertThat(incident.get("category").asString()).isEqualTo("Database");
        assertThat(incident.get("openedBy").asString()).isEqualTo(accounts.operator().username());
        assertThat(names(incident.get("services"))).containsExactly(shop.name());
        assertThat(names(incident.get("cis"))).containsExactly(db.name());

        var byReference = api.body(api.get(operator, "/api/v1/incidents/" + reference.toLowerCase()));
        assertThat(byReference.get("id").asString()).isEqualTo(incident.get("id").asString());
        var listed = api.body(api.get(accounts.viewer().token(), "/api/v1/incidents?service=" + shop.id()));
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("items").get(0).get("reference").asString()).isEqualTo(reference);

        var next = api.body(api.post(operator, "/api/v1/incidents", Map.of("title", "Another", "impact", "high",
                "urgency", "high")));
        assertThat(next.get("priority").asString()).isEqualTo("P1");
        assertThat(Long.parseLong(next.get("reference").asString().substring(4)))
                .isGreaterThan(Long.parseLong(reference.substring(4)));
    }

    @Test
    void countsEveryMatchOfAListOnEveryPageAndPastTheLast() {
        var word = unique("zebra").replace("-", "");
        var server = cis.create("server", unique("srv"));
        for (var i = 0; i < 3; i++) {
            api.post(operator, "/api/v1/incidents", Map.of("title", "Slow " + word + " " + i,
                    "cis", List.of(server.id().toString())));
        }

        for (var page = 0; page < 3; page++) {
            var byWord = api.body(api.get(operator, "/api/v1/incidents?size=2&page=" + page + "&q=" + word));
            assertThat(byWord.get("total").asLong()).as("total on page %d", page).isEqualTo(3);
            assertThat(byWord.get("items").size()).as("items on page %d", page).isEqualTo(Math.min(2, Math.max(0, 3 - 2 * page)));
            var byCi = api.body(api.get(operator, "/api/v1/incidents?size=2&page=" + page + "&ci=" + server.id()));
            assertThat(byCi.get("total").asLong()).as("total on page %d", page).isEqualTo(3);
        }
        assertThat(total("q=" + word.toUpperCase() + "&ci=" + server.id())).isEqualTo(3);
        assertThat(total("q=" + word + "&state=resolved")).isZero();
    }

    @Test
    void refusesMissingAndUnknownFieldsNamingEachOneAndStoresNothing() {
        var before = total("q=" + "zz-nothing-like-this");
        var body = new HashMap<String, Object>();
        body.put("title", " ");
        body.put("impact", "enormous");
        body.put("category", "Plumbing");
        body.put("team", unique("no-such-team"));
        body.put("cis", List.of("not-an-id", java.util.UUID.randomUUID().toString()));
        body.put("description", "x".repeat(20_001));

        var refused = api.post(operator, "/api/v1/incidents", body);

        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("title", "impact", "category", "team", "cis[0]",
                "cis[1]", "description");
        assertThat(total("q=zz-nothing-like-this")).isEqualTo(before);
    }

    @Test
    void anAssigneeMustBelongToTheIncidentsTeam() {
        var member = accounts.fresh(Role.OPERATOR);
        var outsider = accounts.fresh(Role.OPERATOR);
        var team = unique("network");
        desk.team(team, member.username());

        var outside = api.post(operator, "/api/v1/incidents", Map.of("title", "Switch down", "team", team,
                "assignee", outsider.username()));
        assertThat(outside).hasStatus(422);
        assertThat(api.body(outside).get("errors").get(0).get("message").asString())
                .contains(outsider.username()).contains("not a member").contains(team);

        var inside = api.post(operator, "/api/v1/incidents", Map.of("title", "Switch down", "team", team,
                "assignee", member.username()));
        assertThat(inside).hasStatus(201);
        assertThat(api.body(inside).get("assignee").get("name").asString()).isEqualTo(member.username());
        var mine = api.body(api.get(member.token(), "/api/v1/incidents?assignee=me&state=open"));
        assertThat(mine.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void movesThroughTheLifecycleAndRefusesMovesItDoesNotAllow() {
        var incident = create("Mail queue stuck");
        var ref = incident.get("reference").asString();

        var hold = transition(ref, incident.get("version").asLong(), Map.of("state", "on_hold"));
        assertThat(hold).hasStatus(422);
        assertThat(api.fields(hold)).containsExactly("holdReason");

        var held = api.body(transition(ref, 0, Map.of("state", "on_hold", "holdReason", "awaiting_vendor")));
        assertThat(held.get("state").asString()).isEqualTo("on_hold");
        assertThat(held.get("holdReason").asString()).isEqualTo("awaiting_vendor");
        assertThat(held.get("respondedAt").isNull()).isFalse();

        var resolveWithoutNotes = transition(ref, 1, Map.of("state", "resolved", "resolutionCode", "solved_permanently"));
        assertThat(api.fields(resolveWithoutNotes)).containsExactly("resolutionNotes");

        var resolved = api.body(transition(ref, 1, Map.of("state", "resolved", "resolutionCode", "solved_workaround",
                "resolutionNotes", "Restarted postfix")));
        assertThat(resolved.get("state").asString()).isEqualTo("resolved");
        assertThat(resolved.get("resolvedAt").isNull()).isFalse();

        var reopened = api.body(transition(ref, 2, Map.of("state", "in_progress", "comment", "Back again")));
        assertThat(reopened.get("state").asString()).isEqualTo("in_progress");
        assertThat(reopened.get("resolvedAt").isNull()).isTrue();
        assertThat(reopened.get("resolutionCode").isNull()).isTrue();

        api.body(transition(ref, 3, Map.of("state", "resolved", "resolutionCode", "solved_permanently",
                "resolutionNotes", "Disk replaced")));
        var closed = api.body(transition(ref, 4, Map.of("state", "closed")));
        assertThat(closed.get("state").asString()).isEqualTo("closed");

        var refused = transition(ref, 5, Map.of("state", "in_progress"));
        assertThat(refused).hasStatus(409);
        assertThat(api.body(refused).get("errors").get(0).get("message").asString())
                .contains("Closed").contains("cannot move to In progress").contains("final");
        var backToNew = transition(ref, 5, Map.of("state", "new"));
        assertThat(backToNew).hasStatus(409);

        var kinds = timeline(ref).stream().map(e -> e.get("kind").asString()).toList();
        assertThat(kinds).containsExactly("created", "state", "state", "state", "comment", "state", "state");
    }

    @Test
    void theSecondOfTwoWritersOnTheSameVersionGetsAConflictAndNothingIsOverwritten() {
        var incident = create("Printer jam");
        var ref = incident.get("reference").asString();

        var first = api.patch(operator, "/api/v1/incidents/" + ref, Map.of("version", 0, "title", "Printer jam, floor 3"));
        var second = api.patch(operator, "/api/v1/incidents/" + ref, Map.of("version", 0, "urgency", "high"));
        var noVersion = api.patch(operator, "/api/v1/incidents/" + ref, Map.of("title", "No version"));

        assertThat(first).hasStatusOk();
        assertThat(second).hasStatus(409);
        assertThat(api.body(second).get("errors").get(0).get("message").asString()).contains("version 1");
        assertThat(noVersion).hasStatus(422);
        var stored = api.body(api.get(operator, "/api/v1/incidents/" + ref));
        assertThat(stored.get("title").asString()).isEqualTo("Printer jam, floor 3");
        assertThat(stored.get("urgency").asString()).isEqualTo("medium");
        assertThat(stored.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void changingImpactReprioritisesAndEveryChangeIsOnTheTimeline() {
        var member = accounts.fresh(Role.OPERATOR);
        var team = unique("service-desk");
        desk.team(team, member.username());
        var ref = create("VPN slow").get("reference").asString();

        var changed = api.body(api.patch(operator, "/api/v1/incidents/" + ref, Map.of("version", 0, "impact", "high",
                "urgency", "high", "team", team, "assignee", member.username(), "major", true)));

        assertThat(changed.get("priority").asString()).isEqualTo("P1");
        assertThat(changed.get("major").asBoolean()).isTrue();
        var comment = api.post(operator, "/api/v1/incidents/" + ref + "/comments", Map.of("body", "Looking at it"));
        var note = api.post(operator, "/api/v1/incidents/" + ref + "/comments",
                Map.of("body", "Tunnel MTU suspicious", "workNote", true));
        assertThat(comment).hasStatus(201);
        assertThat(note).hasStatus(201);
        var entries = timeline(ref);
        var kinds = entries.stream().map(e -> e.get("kind").asString()).toList();
        assertThat(kinds).containsExactly("created", "priority", "assignment", "major", "comment", "work_note");
        var priority = entries.get(1);
        assertThat(priority.get("from").asString()).isEqualTo("P3");
        assertThat(priority.get("to").asString()).isEqualTo("P1");
        assertThat(entries.get(5).get("visibleToCaller").asBoolean()).isFalse();
        assertThat(entries.get(4).get("visibleToCaller").asBoolean()).isTrue();

        var empty = api.post(operator, "/api/v1/incidents/" + ref + "/comments", Map.of("body", ""));
        assertThat(empty).hasStatus(422);
    }

    @Test
    void acknowledgingTakesTheIncidentOnAndStartsTheResponse() {
        var ref = create("Disk full").get("reference").asString();

        var acknowledged = api.post(operator, "/api/v1/incidents/" + ref + "/acknowledge", Map.of("version", 0));

        assertThat(acknowledged).hasStatusOk();
        var body = api.body(acknowledged);
        assertThat(body.get("state").asString()).isEqualTo("in_progress");
        assertThat(body.get("respondedAt").isNull()).isFalse();
    }

    @Test
    void unknownIncidentsAndBadFiltersAreClientErrors() {
        assertThat(api.get(operator, "/api/v1/incidents/INC-999999999")).hasStatus(404);
        assertThat(api.get(operator, "/api/v1/incidents/nonsense")).hasStatus(404);
        var filter = api.get(operator, "/api/v1/incidents?state=sleeping&priority=P9&openedFrom=yesterday");
        assertThat(filter).hasStatus(422);
        assertThat(api.fields(filter)).containsExactly("state", "priority", "openedFrom");
    }

    @Test
    void aViewerReadsButCannotOpenOrChange() {
        var ref = create("Read only").get("reference").asString();
        var viewer = accounts.viewer().token();
        assertThat(api.get(viewer, "/api/v1/incidents/" + ref)).hasStatusOk();
        assertThat(api.post(viewer, "/api/v1/incidents", Map.of("title", "Nope"))).hasStatus(403);
        assertThat(api.patch(viewer, "/api/v1/incidents/" + ref, Map.of("version", 0, "title", "Nope"))).hasStatus(403);
    }

    private JsonNode create(String title) {
        var created = api.post(operator, "/api/v1/incidents", Map.of("title", title));
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult transition(String ref, long version,
            Map<String, Object> fields) {
        var body = new HashMap<String, Object>(fields);
        body.put("version", version);
        return api.post(operator, "/api/v1/incidents/" + ref + "/transition", body);
    }

    private List<JsonNode> timeline(String ref) {
        return api.body(api.get(operator, "/api/v1/incidents/" + ref + "/timeline")).valueStream().toList();
    }

    private long total(String query) {
        return api.body(api.get(operator, "/api/v1/incidents?" + query)).get("total").asLong();
    }

    private static List<String> names(JsonNode named) {
        return named.valueStream().map(n -> n.get("name").asString()).toList();
    }
}
