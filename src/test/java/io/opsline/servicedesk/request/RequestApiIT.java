package io.opsline.servicedesk.request;

import static io.opsline.identity.ApiCalls.unique;
import static io.opsline.servicedesk.request.RequestFixtures.field;
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
import io.opsline.servicedesk.ServiceDeskFixtures;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class RequestApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    TeamManagement teamManagement;

    ApiCalls api;
    ServiceDeskFixtures desk;
    RequestFixtures fixtures;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        desk = new ServiceDeskFixtures(teamManagement, accounts);
        fixtures = new RequestFixtures(api, accounts);
        operator = accounts.operator().token();
    }

    @Test
    void valuesAreCheckedAgainstTheTypesFieldsEachNamedAndNothingIsStored() {
        var type = unique("Software");
        fixtures.type(type, Map.of(), List.of(field("product", "choice", true, "choices", List.of("Office", "Visio")),
                field("seats", "number", true), field("start", "date", false), field("urgent", "boolean", false),
                field("note", "text", false, "maxLength", 10)));
        var requester = accounts.fresh(Role.REQUESTER);

        var refused = api.post(requester.token(), "/api/v1/portal/requests", Map.of("type", type, "values",
                Map.of("product", "Photoshop", "seats", "many", "start", "next week", "urgent", "perhaps",
                        "note", "far too long a note", "colour", "blue")));

        assertThat(refused).hasStatus(422);
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("values.product", "values.seats", "values.start",
                "values.urgent", "values.note", "values.colour");
        var missing = api.post(requester.token(), "/api/v1/portal/requests", Map.of("type", type, "values", Map.of()));
        assertThat(api.fields(missing)).containsExactly("values.product", "values.seats");
        assertThat(api.fields(api.post(requester.token(), "/api/v1/portal/requests", Map.of("type", unique("none")))))
                .containsExactly("type");
        assertThat(api.body(api.get(requester.token(), "/api/v1/portal/requests")).get("total").asLong()).isZero();

        var opened = fixtures.open(requester.token(), type, Map.of("product", "visio", "seats", 3.50, "start",
                "2026-12-01", "urgent", true));
        assertThat(opened.get("reference").asString()).matches("REQ-\\d{6}");
        assertThat(opened.get("state").asString()).isEqualTo("in_fulfilment");
        assertThat(opened.get("values").valueStream().map(v -> v.get("key").asString() + "=" + v.get("value").asString())
                .toList()).containsExactly("product=Visio", "seats=3.5", "start=2026-12-01", "urgent=true");
    }

    @Test
    void onlyTheApproverDecidesAndApprovalCreatesTheTasksWhoseCompletionFulfilsTheRequest() {
        var fulfilment = unique("desk");
        var member = accounts.fresh(Role.OPERATOR);
        desk.team(fulfilment, member.username());
        var approver = accounts.fresh(Role.VIEWER);
        var type = unique("Access");
        fixtures.type(type, Map.of("approver", approver.username(), "team", fulfilment, "tasks",
                List.of(Map.of("title", "Create the account"), Map.of("title", "Send the welcome mail"))),
                List.of(field("system", "text", true)));
        var requester = accounts.fresh(Role.REQUESTER);
        var ref = fixtures.open(requester.token(), type, Map.of("system", "ERP")).get("reference").asString();

        var waiting = get(ref);
        assertThat(waiting.get("state").asString()).isEqualTo("awaiting_approval");
        assertThat(waiting.get("tasks").size()).isZero();
        assertThat(waiting.get("approver").get("name").asString()).isEqualTo(approver.username());

        var wrong = api.post(operator, "/api/v1/requests/" + ref + "/decision", Map.of("version", 0, "decision", "approve"));
        assertThat(wrong).hasStatus(403);
        assertThat(get(ref).get("state").asString()).isEqualTo("awaiting_approval");
        assertThat(api.fields(api.post(approver.token(), "/api/v1/requests/" + ref + "/decision",
                Map.of("version", 0, "decision", "maybe")))).containsExactly("decision");

        var approved = api.post(approver.token(), "/api/v1/requests/" + ref + "/decision",
                Map.of("version", 0, "decision", "approve", "comment", "Fine"));
        assertThat(approved).hasStatusOk();
        var inFulfilment = api.body(approved);
        assertThat(inFulfilment.get("state").asString()).isEqualTo("in_fulfilment");
        assertThat(inFulfilment.get("decidedBy").asString()).isEqualTo(approver.username());
        var tasks = inFulfilment.get("tasks");
        assertThat(tasks.valueStream().map(t -> t.get("title").asString()).toList())
                .containsExactly("Create the account", "Send the welcome mail");
        assertThat(tasks.get(0).get("team").get("name").asString()).isEqualTo(fulfilment);
        var again = api.post(approver.token(), "/api/v1/requests/" + ref + "/decision",
                Map.of("version", 1, "decision", "reject", "comment", "Changed my mind"));
        assertThat(again).hasStatus(409);

        var outsider = accounts.fresh(Role.OPERATOR);
        var notMember = task(ref, tasks.get(0), Map.of("assignee", outsider.username()));
        assertThat(notMember).hasStatus(422);
        assertThat(api.fields(notMember)).containsExactly("assignee");
        var assigned = task(ref, tasks.get(0), Map.of("assignee", member.username(), "state", "done"));
        assertThat(assigned).hasStatusOk();
        assertThat(api.body(assigned).get("state").asString()).isEqualTo("in_fulfilment");
        var early = api.post(operator, "/api/v1/requests/" + ref + "/transition", Map.of("version", 1, "state",
                "fulfilled"));
        assertThat(early).hasStatus(409);
        assertThat(api.body(early).get("errors").get(0).get("message").asString()).contains("1 open task");

        var last = api.body(task(ref, tasks.get(1), Map.of("state", "done")));
        assertThat(last.get("state").asString()).isEqualTo("fulfilled");
        assertThat(last.get("fulfilledAt").isNull()).isFalse();
        assertThat(last.get("tasks").valueStream().map(t -> t.get("state").asString())).containsOnly("done");
        var closed = api.post(operator, "/api/v1/requests/" + ref + "/transition", Map.of("version",
                last.get("version").asLong(), "state", "closed"));
        assertThat(api.body(closed).get("state").asString()).isEqualTo("closed");

        var kinds = api.body(api.get(operator, "/api/v1/requests/" + ref + "/timeline")).valueStream()
                .map(e -> e.get("kind").asString() + ":" + (e.get("to").isNull() ? "" : e.get("to").asString())).toList();
        assertThat(kinds).containsExactly("created:submitted", "state:awaiting_approval", "approval:approved",
                "state:in_fulfilment", "task:", "task:done", "task:done", "state:fulfilled", "state:closed");
    }

    @Test
    void anyMemberOfTheApprovingTeamMayRejectWithAReason() {
        var approvers = unique("managers");
        var manager = accounts.fresh(Role.OPERATOR);
        desk.team(approvers, manager.username());
        var type = unique("Phone");
        fixtures.type(type, Map.of("approverTeam", approvers, "tasks", List.of(Map.of("title", "Order"))), List.of());
        var ref = fixtures.open(accounts.fresh(Role.REQUESTER).token(), type, Map.of()).get("reference").asString();

        var noReason = api.post(manager.token(), "/api/v1/requests/" + ref + "/decision",
                Map.of("version", 0, "decision", "reject"));
        assertThat(api.fields(noReason)).containsExactly("comment");
        var rejected = api.body(api.post(manager.token(), "/api/v1/requests/" + ref + "/decision",
                Map.of("version", 0, "decision", "reject", "comment", "Not in the budget")));
        assertThat(rejected.get("state").asString()).isEqualTo("rejected");
        assertThat(rejected.get("decisionComment").asString()).isEqualTo("Not in the budget");
        assertThat(rejected.get("tasks").size()).isZero();
    }

    @Test
    void theSecondOfTwoWritersOnTheSameVersionGetsAConflictAndNothingIsOverwritten() {
        var team = unique("ops");
        var first = accounts.fresh(Role.OPERATOR);
        var second = accounts.fresh(Role.OPERATOR);
        desk.team(team, first.username(), second.username());
        var type = unique("Server");
        fixtures.type(type, Map.of("team", team, "tasks", List.of(Map.of("title", "Rack it"))), List.of());
        var ref = fixtures.open(accounts.fresh(Role.REQUESTER).token(), type, Map.of()).get("reference").asString();
        var task = get(ref).get("tasks").get(0);

        assertThat(task(ref, task, Map.of("assignee", first.username()))).hasStatusOk();
        var stale = task(ref, task, Map.of("assignee", second.username()));
        assertThat(stale).hasStatus(409);
        assertThat(api.fields(stale)).containsExactly("version");
        assertThat(get(ref).get("tasks").get(0).get("assignee").get("name").asString()).isEqualTo(first.username());

        var staleMove = api.post(operator, "/api/v1/requests/" + ref + "/transition", Map.of("version", 5, "state",
                "closed"));
        assertThat(staleMove).hasStatus(409);
        var noVersion = api.post(operator, "/api/v1/requests/" + ref + "/transition", Map.of("state", "closed"));
        assertThat(noVersion).hasStatus(422);
        assertThat(get(ref).get("state").asString()).isEqualTo("in_fulfilment");
    }

    @Test
    void theDeskListsAwaitingApprovalFirstAndFiltersByStateAndType() {
        var plain = unique("Mouse");
        var approved = unique("Monitor");
        fixtures.type(plain, Map.of(), List.of());
        fixtures.type(approved, Map.of("approver", accounts.admin().username()), List.of());
        var requester = accounts.fresh(Role.REQUESTER);
        var mouse = fixtures.open(requester.token(), plain, Map.of()).get("reference").asString();
        var monitor = fixtures.open(requester.token(), approved, Map.of()).get("reference").asString();

        var mine = api.body(api.get(operator, "/api/v1/requests?requester=" + requester.username()));
        assertThat(mine.get("items").valueStream().map(r -> r.get("reference").asString()).toList())
                .containsExactly(monitor, mouse);
        var waiting = api.body(api.get(operator, "/api/v1/requests?state=awaiting_approval&type=" + approved));
        assertThat(waiting.get("items").valueStream().map(r -> r.get("reference").asString()).toList())
                .containsExactly(monitor);
        var bad = api.get(operator, "/api/v1/requests?state=sleeping&type=" + unique("none"));
        assertThat(api.fields(bad)).containsExactly("state", "type");
        assertThat(api.get(operator, "/api/v1/requests/REQ-999999999")).hasStatus(404);

        var onBehalf = api.post(operator, "/api/v1/requests", Map.of("type", plain, "requester", requester.username()));
        assertThat(onBehalf).hasStatus(201);
        assertThat(api.body(onBehalf).get("requester").get("name").asString()).isEqualTo(requester.username());
        assertThat(api.post(accounts.viewer().token(), "/api/v1/requests", Map.of("type", plain))).hasStatus(403);
    }

    private JsonNode get(String ref) {
        return api.body(api.get(operator, "/api/v1/requests/" + ref));
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult task(String ref, JsonNode task,
            Map<String, Object> change) {
        var body = new HashMap<String, Object>(change);
        body.put("version", task.get("version").asLong());
        return api.patch(operator, "/api/v1/requests/" + ref + "/tasks/" + task.get("id").asString(), body);
    }
}
