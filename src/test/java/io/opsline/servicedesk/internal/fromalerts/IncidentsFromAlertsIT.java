package io.opsline.servicedesk.internal.fromalerts;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.AlertGroupSummary;
import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.GroupNotified;
import io.opsline.alerting.GroupedAlerts;
import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.AlertFilter;
import io.opsline.alerting.internal.Alerts;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.internal.TeamManagement;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.platform.PageRequest;
import io.opsline.servicedesk.ServiceDeskFixtures;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert groups become incidents by the incident rules, once; their alerts stay linked, and their
 * firing and clearing is told on the incident's timeline. Rules apply to every alert group, so each
 * test removes the rules it made; alerts are told apart by a source and CIs of their own.
 */
@OpslineIntegrationTest
class IncidentsFromAlertsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

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
    AlertIntake intake;
    @Autowired
    Alerts alerts;
    @Autowired
    GroupedAlerts groups;
    @Autowired
    IncidentsFromAlerts opener;
    @Autowired
    LinkedAlerts linkedAlerts;

    ApiCalls api;
    CiFixtures cis;
    ServiceDeskFixtures desk;
    String admin;
    String operator;
    final List<String> rules = new ArrayList<>();
    final String source = unique("sd-alerts");
    final Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(900);

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        cis = new CiFixtures(ciManagement, relationshipManagement);
        desk = new ServiceDeskFixtures(teamManagement, accounts);
        admin = accounts.admin().token();
        operator = accounts.operator().token();
    }

    @AfterEach
    void removeRules() {
        rules.forEach(id -> api.delete(admin, "/api/v1/incident-rules/" + id));
    }

    private JsonNode rule(Map<String, Object> fields) {
        var body = new HashMap<String, Object>(fields);
        body.putIfAbsent("name", unique("rule"));
        body.putIfAbsent("position", 1);
        var created = api.post(admin, "/api/v1/incident-rules", body);
        assertThat(created).hasStatus(201);
        var rule = api.body(created);
        rules.add(rule.get("id").asString());
        return rule;
    }

    private void send(String key, EventAction action, Severity severity, CiView ci, Instant at) {
        intake.accept(List.of(event(key, action, severity, ci, at)));
    }

    private Event event(String key, EventAction action, Severity severity, CiView ci, Instant at) {
        return new Event(source, key, action, severity, key + " is down", Map.of("alertname", key), Map.of(),
                CiHint.of(ci.id()), at, null);
    }

    private UUID alertId(String key) {
        return alerts.list(new AlertFilter(null, null, source, null, false, null), new PageRequest(0, 50)).items()
                .stream().filter(a -> key.equals(a.dedupKey())).findFirst().orElseThrow().id();
    }

    private JsonNode incidentsOn(CiView ci) {
        return api.body(api.get(operator, "/api/v1/incidents?ci=" + ci.id()));
    }

    private JsonNode awaitIncidentOn(CiView ci) {
        await().atMost(PATIENCE).until(() -> incidentsOn(ci).get("total").asLong() == 1);
        return incidentsOn(ci).get("items").get(0);
    }

    private List<String> timeline(JsonNode incident) {
        return api.body(api.get(operator, "/api/v1/incidents/" + incident.get("reference").asString() + "/timeline"))
                .valueStream().map(e -> e.get("kind").asString()).toList();
    }

    private JsonNode linked(JsonNode incident) {
        return api.body(api.get(accounts.viewer().token(), "/api/v1/incidents/" + incident.get("reference").asString()
                + "/alerts"));
    }

    private JsonNode get(JsonNode incident) {
        return api.body(api.get(operator, "/api/v1/incidents/" + incident.get("reference").asString()));
    }

    private AlertGroupSummary opened(String rootKey, Severity severity) {
        var root = alertId(rootKey);
        return new AlertGroupSummary(groups.groupOf(root).orElseThrow(), rootKey + " is down", severity, root, t, null);
    }

    @Test
    void aCriticalAlertGroupOnAServerBecomesAnIncidentWithTheRulesPriorityAndTeamItsCisAndItsFirstFiring() {
        var team = unique("infra");
        desk.team(team);
        rule(Map.of("minSeverity", "critical", "ciClasses", List.of("server"), "impact", "high", "urgency", "medium",
                "team", team, "category", "Hardware"));
        var server = cis.create("server", unique("srv"));
        var vm = cis.create("virtual_machine", unique("vm"));
        cis.relate(vm, "runs_on", server);

        intake.accept(List.of(event("host", EventAction.TRIGGER, Severity.CRITICAL, server, t),
                event("guest", EventAction.TRIGGER, Severity.CRITICAL, vm, t.plusSeconds(30))));

        var incident = awaitIncidentOn(server);
        assertThat(incident.get("priority").asString()).isEqualTo("P2");
        assertThat(incident.get("team").get("name").asString()).isEqualTo(team);
        assertThat(incident.get("category").asString()).isEqualTo("Hardware");
        assertThat(incident.get("openedThrough").asString()).isEqualTo("alert");
        assertThat(incident.get("openedBy").asString()).isEqualTo("opsline");
        assertThat(incident.get("title").asString()).isEqualTo("host is down");
        assertThat(Instant.parse(incident.get("startedAt").asString())).isEqualTo(t);
        assertThat(incident.get("cis").valueStream().map(c -> c.get("id").asString()))
                .containsExactlyInAnyOrder(server.id().toString(), vm.id().toString());
        var following = linked(incident);
        assertThat(following.get("groups").size()).isEqualTo(1);
        assertThat(following.get("alerts").valueStream().map(a -> a.get("alertId").asString()))
                .containsExactlyInAnyOrder(alertId("host").toString(), alertId("guest").toString());
        assertThat(following.get("allResolved").asBoolean()).isFalse();
        assertThat(timeline(incident)).contains("alert_linked").filteredOn("alert_fired"::equals).hasSize(2);
    }

    /**
     * One batch opening more groups than one event names: alerting tells of them in several events,
     * each stored whole until its listener is done (on H2 in a column of 4,000 characters).
     */
    @Test
    void aBatchOpeningManyGroupsOpensAnIncidentForEach() {
        rule(Map.of("minSeverity", "critical", "ciClasses", List.of("server"), "impact", "high", "urgency", "high"));
        var servers = new ArrayList<CiView>();
        var events = new ArrayList<Event>();
        // Fired now: incidents fired long ago breach their response target at once, which raises alerts of its own.
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 120; i++) {
            var server = cis.create("server", unique("srv"));
            servers.add(server);
            events.add(event("down-" + i, EventAction.TRIGGER, Severity.CRITICAL, server, now));
        }

        // One call is one intake transaction, which opens all 120 groups.
        intake.accept(events);

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> servers.stream()
                .allMatch(server -> incidentsOn(server).get("total").asLong() == 1));
    }

    @Test
    void aWarningDoesNotMatchACriticalRule() {
        rule(Map.of("minSeverity", "critical", "ciClasses", List.of("server"), "impact", "high", "urgency", "high"));
        var server = cis.create("server", unique("srv"));
        send("disk", EventAction.TRIGGER, Severity.WARNING, server, t);

        opener.open(opened("disk", Severity.WARNING));

        assertThat(incidentsOn(server).get("total").asLong()).isZero();
    }

    @Test
    void theSameGroupOpeningAgainOrOnTwoNodesAtOnceMakesNoSecondIncident() throws Exception {
        // The group opens while no rule takes websites; the rule comes after, and then the event is
        // handed over twice at once, as two nodes would, and once more, as a redelivery would.
        var site = cis.create("website", unique("site"));
        send("cert", EventAction.TRIGGER, Severity.ERROR, site, t);
        var event = opened("cert", Severity.ERROR);
        rule(Map.of("minSeverity", "error", "ciClasses", List.of("website"), "impact", "low", "urgency", "low"));

        try (var nodes = Executors.newFixedThreadPool(2)) {
            var ready = new CountDownLatch(2);
            Callable<Void> deliver = () -> {
                ready.countDown();
                ready.await();
                opener.open(event);
                return null;
            };
            for (var done : nodes.invokeAll(List.of(deliver, deliver))) {
                done.get();
            }
        }
        opener.open(event);

        assertThat(incidentsOn(site).get("total").asLong()).isEqualTo(1);
        assertThat(timeline(incidentsOn(site).get("items").get(0))).filteredOn("alert_fired"::equals).hasSize(1);
    }

    @Test
    void whenAllAlertsResolveTheIncidentSaysSoAndResolvesItselfIfTheRuleSaysSo() {
        rule(Map.of("minSeverity", "error", "ciClasses", List.of("database"), "impact", "medium", "urgency", "high",
                "autoResolve", true));
        var db = cis.create("database", unique("db"));
        send("replication", EventAction.TRIGGER, Severity.ERROR, db, t);
        var incident = awaitIncidentOn(db);
        assertThat(incident.get("state").asString()).isEqualTo("new");

        send("replication", EventAction.RESOLVE, Severity.INFO, db, t.plusSeconds(300));

        await().atMost(PATIENCE).until(() -> get(incident).get("state").asString().equals("resolved"));
        var resolved = get(incident);
        assertThat(resolved.get("resolutionCode").asString()).isEqualTo("solved_permanently");
        assertThat(resolved.get("resolutionNotes").asString()).isEqualTo("All linked alerts resolved");
        assertThat(timeline(incident)).containsSubsequence("alert_fired", "alert_resolved", "alerts_all_resolved",
                "state");
        var following = linked(incident);
        assertThat(following.get("allResolved").asBoolean()).isTrue();
        assertThat(following.get("alerts").get(0).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(Instant.parse(following.get("alerts").get(0).get("resolvedAt").asString()))
                .isEqualTo(t.plusSeconds(300));
    }

    @Test
    void withoutAutoResolveTheIncidentOnlySaysAllAlertsResolved() {
        rule(Map.of("minSeverity", "error", "ciClasses", List.of("network_device"), "impact", "medium", "urgency",
                "medium"));
        var router = cis.create("network_device", unique("rtr"));
        send("bgp", EventAction.TRIGGER, Severity.CRITICAL, router, t);
        var incident = awaitIncidentOn(router);

        send("bgp", EventAction.RESOLVE, Severity.INFO, router, t.plusSeconds(60));

        await().atMost(PATIENCE).until(() -> timeline(incident).contains("alerts_all_resolved"));
        assertThat(get(incident).get("state").asString()).isEqualTo("new");
        assertThat(timeline(incident)).filteredOn("alert_resolved"::equals).hasSize(1);
    }

    @Test
    void anIncidentOnHoldIsNotResolvedByItsAlerts() {
        rule(Map.of("minSeverity", "error", "ciClasses", List.of("database"), "impact", "low", "urgency", "low",
                "autoResolve", true));
        var db = cis.create("database", unique("db"));
        send("backup", EventAction.TRIGGER, Severity.ERROR, db, t);
        var incident = awaitIncidentOn(db);
        var ref = incident.get("reference").asString();
        assertThat(api.post(operator, "/api/v1/incidents/" + ref + "/transition", Map.of("version",
                incident.get("version").asLong(), "state", "on_hold", "holdReason", "awaiting_vendor"))).hasStatusOk();

        send("backup", EventAction.RESOLVE, Severity.INFO, db, t.plusSeconds(60));

        await().atMost(PATIENCE).until(() -> timeline(incident).contains("alerts_all_resolved"));
        assertThat(get(incident).get("state").asString()).isEqualTo("on_hold");
    }

    @Test
    void anAlertJoiningAFollowedGroupIsLinkedAndTold() {
        rule(Map.of("minSeverity", "error", "ciClasses", List.of("database"), "impact", "high", "urgency", "high"));
        var db = cis.create("database", unique("db"));
        var app = cis.create("application", unique("app"));
        cis.relate(app, "depends_on", db);
        send("db-down", EventAction.TRIGGER, Severity.ERROR, db, t);
        var incident = awaitIncidentOn(db);

        send("app-errors", EventAction.TRIGGER, Severity.ERROR, app, t.plusSeconds(20));

        await().atMost(PATIENCE).until(() -> linked(incident).get("alerts").size() == 2);
        assertThat(timeline(incident)).filteredOn("alert_fired"::equals).hasSize(2);
        assertThat(incidentsOn(app).get("total").asLong()).as("no incident of its own").isZero();
    }

    @Test
    void anOperatorLinksAnotherGroupByHandButNotOneAnotherIncidentFollows() {
        rule(Map.of("minSeverity", "critical", "ciClasses", List.of("server"), "impact", "high", "urgency", "high"));
        var server = cis.create("server", unique("srv"));
        var other = cis.create("server", unique("srv"));
        send("fan", EventAction.TRIGGER, Severity.CRITICAL, server, t);
        send("temp", EventAction.TRIGGER, Severity.WARNING, other, t.plusSeconds(5));
        var incident = awaitIncidentOn(server);
        var path = "/api/v1/incidents/" + incident.get("reference").asString() + "/alerts";
        var warningGroup = groups.groupOf(alertId("temp")).orElseThrow().toString();

        var bad = api.post(operator, path, Map.of("groupId", "not-a-group"));
        assertThat(bad).hasStatus(422);
        assertThat(api.fields(bad)).containsExactly("groupId");
        assertThat(api.fields(api.post(operator, path, Map.of("groupId", UUID.randomUUID().toString()))))
                .containsExactly("groupId");

        var linkedByHand = api.post(operator, path, Map.of("groupId", warningGroup));
        assertThat(linkedByHand).hasStatusOk();
        assertThat(api.body(linkedByHand).get("groups").size()).isEqualTo(2);
        assertThat(api.body(linkedByHand).get("alerts").size()).isEqualTo(2);
        assertThat(timeline(incident)).filteredOn("alert_linked"::equals).hasSize(2);

        var ownGroup = groups.groupOf(alertId("fan")).orElseThrow().toString();
        var another = api.body(api.post(operator, "/api/v1/incidents", Map.of("title", "Something else")));
        assertThat(api.post(operator, "/api/v1/incidents/" + another.get("reference").asString() + "/alerts",
                Map.of("groupId", ownGroup))).hasStatus(409);
    }

    @Test
    void aNotificationAboutAFollowedGroupIsToldOnTheTimeline() {
        rule(Map.of("minSeverity", "critical", "ciClasses", List.of("server"), "impact", "high", "urgency", "high"));
        var server = cis.create("server", unique("srv"));
        send("power", EventAction.TRIGGER, Severity.CRITICAL, server, t);
        var incident = awaitIncidentOn(server);

        linkedAlerts.notified(new GroupNotified(groups.groupOf(alertId("power")).orElseThrow(), "Ops mail", "ops@example.com",
                "triggered", Instant.now()));

        var lines = api.body(api.get(operator, "/api/v1/incidents/" + incident.get("reference").asString()
                + "/timeline"));
        assertThat(lines.valueStream().filter(l -> l.get("kind").asString().equals("notification"))
                .map(l -> l.get("body").asString())).containsExactly("Notified ops@example.com through Ops mail (triggered)");
    }
}
