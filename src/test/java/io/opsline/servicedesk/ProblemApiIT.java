package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.servicedesk.internal.problem.KnownErrors;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class ProblemApiIT {

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
    @Autowired
    KnownErrors knownErrors;

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
    void opensANumberedProblemAndRefusesBadFieldsNamingEachOneStoringNothing() {
        var db = cis.create("database", unique("db"));
        var created = api.post(operator, "/api/v1/servicedesk/problems", Map.of("title", "Connection pool exhaustion",
                "description", "Every Monday morning", "cis", List.of(db.id().toString())));

        assertThat(created).hasStatus(201);
        var problem = api.body(created);
        var reference = problem.get("reference").asString();
        assertThat(reference).matches("PRB-\\d{6}");
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/servicedesk/problems/" + reference);
        assertThat(problem.get("state").asString()).isEqualTo("new");
        assertThat(problem.get("cis").get(0).get("name").asString()).isEqualTo(db.name());
        assertThat(api.body(api.get(accounts.viewer().token(), "/api/v1/servicedesk/problems/" + reference.toLowerCase()))
                .get("id").asString()).isEqualTo(problem.get("id").asString());

        var title = unique("never-stored");
        var body = new HashMap<String, Object>();
        body.put("title", " ");
        body.put("description", title + "x".repeat(20_001));
        body.put("team", unique("no-such-team"));
        body.put("cis", List.of("not-an-id", UUID.randomUUID().toString()));
        var refused = api.post(operator, "/api/v1/servicedesk/problems", body);
        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("title", "description", "team", "cis[0]", "cis[1]");
        var bad = api.get(operator, "/api/v1/servicedesk/problems?state=sleeping&ci=nope");
        assertThat(bad).hasStatus(422);
        assertThat(api.fields(bad)).containsExactly("state", "ci");
        assertThat(api.get(operator, "/api/v1/servicedesk/problems/PRB-999999999")).hasStatus(404);
    }

    @Test
    void anAssigneeMustBelongToTheProblemsTeam() {
        var member = accounts.fresh(Role.OPERATOR);
        var outsider = accounts.fresh(Role.OPERATOR);
        var team = unique("dba");
        desk.team(team, member.username());

        var outside = api.post(operator, "/api/v1/servicedesk/problems", Map.of("title", "Slow queries", "team", team,
                "assignee", outsider.username()));
        assertThat(outside).hasStatus(422);
        assertThat(api.body(outside).get("errors").get(0).get("message").asString()).contains("not a member");

        var inside = api.body(api.post(operator, "/api/v1/servicedesk/problems", Map.of("title", "Slow queries", "team", team,
                "assignee", member.username())));
        assertThat(inside.get("assignee").get("name").asString()).isEqualTo(member.username());
        var moved = api.patch(operator, "/api/v1/servicedesk/problems/" + inside.get("reference").asString(),
                Map.of("version", 0, "assignee", outsider.username()));
        assertThat(moved).hasStatus(422);
        assertThat(api.fields(moved)).containsExactly("assignee");
    }

    @Test
    void movesThroughTheInvestigationNeedingAWorkaroundToBeAKnownErrorAndRefusingOtherMoves() {
        var ref = create("Memory leak in the billing job", List.of());

        var skip = transition(ref, 0, Map.of("state", "resolved", "rootCause", "Leak"));
        assertThat(skip).hasStatus(409);
        assertThat(message(skip)).contains("cannot move to Resolved").contains("Investigating");

        assertThat(transition(ref, 0, Map.of("state", "investigating"))).hasStatusOk();
        var noWorkaround = transition(ref, 1, Map.of("state", "known_error"));
        assertThat(noWorkaround).hasStatus(422);
        assertThat(api.fields(noWorkaround)).containsExactly("workaround");
        assertThat(state(ref)).isEqualTo("investigating");

        var known = api.body(transition(ref, 1, Map.of("state", "known_error", "workaround", "Restart the job nightly")));
        assertThat(known.get("state").asString()).isEqualTo("known_error");
        assertThat(known.get("knownErrorAt").isNull()).isFalse();
        assertThat(known.get("nextStates").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("investigating", "resolved");

        var clearWorkaround = api.patch(operator, "/api/v1/servicedesk/problems/" + ref, Map.of("version", 2, "workaround", ""));
        assertThat(clearWorkaround).hasStatus(422);
        assertThat(api.fields(clearWorkaround)).containsExactly("workaround");

        var noCause = transition(ref, 2, Map.of("state", "resolved"));
        assertThat(api.fields(noCause)).containsExactly("rootCause");
        assertThat(transition(ref, 2, Map.of("state", "resolved", "rootCause", "Unclosed result sets"))).hasStatusOk();
        assertThat(transition(ref, 3, Map.of("state", "closed"))).hasStatusOk();
        var afterClose = transition(ref, 4, Map.of("state", "investigating"));
        assertThat(afterClose).hasStatus(409);
        assertThat(message(afterClose)).contains("final");
        assertThat(api.patch(operator, "/api/v1/servicedesk/problems/" + ref, Map.of("version", 4, "title", "x"))).hasStatus(409);

        var kinds = timeline(ref).stream().map(e -> e.get("kind").asString()).toList();
        assertThat(kinds).containsExactly("created", "state", "state", "state", "state");
    }

    @Test
    void theSecondOfTwoWritersOnTheSameVersionGetsAConflictAndNothingIsOverwritten() {
        var ref = create("Flapping VPN", List.of());

        var first = api.patch(operator, "/api/v1/servicedesk/problems/" + ref, Map.of("version", 0, "rootCause", "MTU"));
        var second = api.patch(operator, "/api/v1/servicedesk/problems/" + ref, Map.of("version", 0, "title", "Other title"));
        var noVersion = api.patch(operator, "/api/v1/servicedesk/problems/" + ref, Map.of("title", "No version"));
        var staleMove = transition(ref, 0, Map.of("state", "investigating"));

        assertThat(first).hasStatusOk();
        assertThat(second).hasStatus(409);
        assertThat(message(second)).contains("version 1");
        assertThat(noVersion).hasStatus(422);
        assertThat(staleMove).hasStatus(409);
        var stored = api.body(api.get(operator, "/api/v1/servicedesk/problems/" + ref));
        assertThat(stored.get("title").asString()).isEqualTo("Flapping VPN");
        assertThat(stored.get("rootCause").asString()).isEqualTo("MTU");
        assertThat(stored.get("state").asString()).isEqualTo("new");
        assertThat(stored.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void linksAndUnlinksIncidentsByReferenceOnBothTimelines() {
        var ref = create("Disk controller firmware", List.of());
        var incident = api.body(api.post(operator, "/api/v1/incidents", Map.of("title", "Disk errors")))
                .get("reference").asString();

        var linked = api.post(operator, "/api/v1/servicedesk/problems/" + ref + "/incidents", Map.of("incident", incident));
        assertThat(linked).hasStatusOk();
        assertThat(api.body(linked).get("incidents").get(0).get("reference").asString()).isEqualTo(incident);
        var twice = api.post(operator, "/api/v1/servicedesk/problems/" + ref + "/incidents", Map.of("incident", incident));
        assertThat(twice).hasStatus(409);
        var unknown = api.post(operator, "/api/v1/servicedesk/problems/" + ref + "/incidents", Map.of("incident", "INC-999999999"));
        assertThat(unknown).hasStatus(422);
        assertThat(api.fields(unknown)).containsExactly("incident");
        assertThat(api.body(api.get(operator, "/api/v1/incidents/" + incident + "/timeline")).valueStream()
                .map(e -> e.get("body").toString()).toList()).anyMatch(b -> b.contains("Linked to problem " + ref));

        var unlinked = api.delete(operator, "/api/v1/servicedesk/problems/" + ref + "/incidents/" + incident);
        assertThat(unlinked).hasStatusOk();
        assertThat(api.body(unlinked).get("incidents").isEmpty()).isTrue();
        assertThat(api.delete(operator, "/api/v1/servicedesk/problems/" + ref + "/incidents/" + incident)).hasStatus(404);
        assertThat(timeline(ref).stream().map(e -> e.get("kind").asString()).toList())
                .containsExactly("created", "incident_linked", "incident_unlinked");
        assertThat(api.post(accounts.viewer().token(), "/api/v1/servicedesk/problems/" + ref + "/incidents",
                Map.of("incident", incident))).hasStatus(403);
    }

    @Test
    void anIncidentOnACiOfAKnownErrorShowsItsWorkaroundAndOthersDoNot() {
        var web = cis.create("server", unique("web"));
        var other = cis.create("server", unique("other"));
        var ref = create("TLS handshake failures", List.of(web.id().toString()));
        var investigating = create("Not known yet", List.of(web.id().toString()));
        transition(ref, 0, Map.of("state", "investigating"));
        transition(ref, 1, Map.of("state", "known_error", "workaround", "Pin TLS 1.2 on the balancer"));
        transition(investigating, 0, Map.of("state", "investigating"));

        var onWeb = api.body(api.post(operator, "/api/v1/incidents", Map.of("title", "Handshake errors",
                "cis", List.of(web.id().toString(), other.id().toString())))).get("reference").asString();
        var onOther = api.body(api.post(operator, "/api/v1/incidents", Map.of("title", "Other trouble",
                "cis", List.of(other.id().toString())))).get("reference").asString();

        var shown = api.body(api.get(accounts.viewer().token(), "/api/v1/incidents/" + onWeb + "/known-errors"));
        assertThat(shown.valueStream().map(k -> k.get("reference").asString()).toList()).containsExactly(ref);
        assertThat(shown.get(0).get("workaround").asString()).isEqualTo("Pin TLS 1.2 on the balancer");
        assertThat(shown.get(0).get("matchingCis").get(0).get("name").asString()).isEqualTo(web.name());
        assertThat(api.body(api.get(operator, "/api/v1/incidents/" + onOther + "/known-errors")).isEmpty()).isTrue();
        assertThat(knownErrors.forCis(List.of(web.id())).stream().map(k -> k.reference()).toList())
                .containsExactly(ref);

        transition(ref, 2, Map.of("state", "resolved", "rootCause", "Old cipher list"));
        assertThat(knownErrors.forCis(List.of(web.id()))).isEmpty();
        assertThat(api.get(accounts.of(Role.REQUESTER).token(), "/api/v1/incidents/" + onWeb + "/known-errors"))
                .hasStatus(403);
    }

    private String create(String title, List<String> ciIds) {
        var created = api.post(operator, "/api/v1/servicedesk/problems", Map.of("title", title, "cis", ciIds));
        assertThat(created).hasStatus(201);
        return api.body(created).get("reference").asString();
    }

    private MvcTestResult transition(String ref, long version, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(fields);
        body.put("version", version);
        return api.post(operator, "/api/v1/servicedesk/problems/" + ref + "/transition", body);
    }

    private String state(String ref) {
        return api.body(api.get(operator, "/api/v1/servicedesk/problems/" + ref)).get("state").asString();
    }

    private String message(MvcTestResult result) {
        return api.body(result).get("errors").get(0).get("message").asString();
    }

    private List<JsonNode> timeline(String ref) {
        return api.body(api.get(operator, "/api/v1/servicedesk/problems/" + ref + "/timeline")).valueStream().toList();
    }
}
