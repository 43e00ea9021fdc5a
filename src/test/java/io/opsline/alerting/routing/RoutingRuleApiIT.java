package io.opsline.alerting.routing;

import static io.opsline.alerting.oncall.OnCallFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.routing.RoutableAlert;
import io.opsline.alerting.internal.routing.Routing;
import io.opsline.alerting.oncall.OnCallFixtures;
import io.opsline.identity.ApiCalls;
import io.opsline.inventory.Inventory;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing rules over REST and the routing they make. Every rule here matches only its test's own
 * source, so the rules of other tests in the shared database never take these alerts.
 */
@OpslineIntegrationTest
class RoutingRuleApiIT {

    static final String BASE = "/api/v1/routing-rules";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Routing routing;
    @Autowired
    Inventory inventory;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private String newPolicy() {
        var fixtures = new OnCallFixtures(api(), accounts);
        return fixtures.createPolicy(policy(ApiCalls.unique("policy"), accounts.operator().id().toString(),
                fixtures.channel("email")));
    }

    private JsonNode createRule(String name, String policyId, Map<String, Object> conditions) {
        var created = api().post(accounts.admin().token(), BASE, Map.of("name", name, "policyId", policyId,
                "conditions", conditions));
        assertThat(created).hasStatus(201);
        return api().body(created);
    }

    @Test
    void theFirstEnabledMatchingRuleRoutesAndTheTestSaysWhy() throws Exception {
        var source = ApiCalls.unique("routing");
        var dbaPolicy = newPolicy();
        var nightPolicy = newPolicy();
        var teamName = ApiCalls.unique("dba");
        assertThat(api().post(accounts.admin().token(), "/api/v1/teams", Map.of("name", teamName))).hasStatus(201);
        var ci = api().body(api().post(accounts.operator().token(), "/api/v1/cis", Map.of("class", "database",
                "name", ApiCalls.unique("db"), "environment", "production", "ownerTeam", teamName,
                "tags", List.of("payments"))));
        var ciId = ci.get("id").asString();

        var night = createRule("nights", nightPolicy, Map.of("sources", List.of(source), "time",
                Map.of("days", List.of("friday"), "from", "22:00", "to", "06:00", "timeZone", "Europe/Berlin")));
        var dba = createRule("databases", dbaPolicy, Map.of("sources", List.of(source), "severities",
                List.of("critical", "error"), "ciClasses", List.of("database"), "environments", List.of("production"),
                "ownerTeams", List.of(teamName), "tags", List.of("payments", "billing"),
                "labels", Map.of("team", "dba")));

        // Saturday 01:30 in Berlin (CEST): the night rule, first in order, takes it.
        var saturdayNight = Instant.parse("2026-06-05T23:30:00Z");
        var dbCi = inventory.find(UUID.fromString(ciId)).orElseThrow();
        var alert = new RoutableAlert(source, Severity.CRITICAL, Map.of("team", "dba"), dbCi);
        assertThat(routing.route(alert, saturdayNight).orElseThrow().policyId().toString()).isEqualTo(nightPolicy);
        var tuesdayNoon = Instant.parse("2026-06-09T10:00:00Z");
        assertThat(routing.route(alert, tuesdayNoon).orElseThrow().ruleName()).isEqualTo("databases");
        assertThat(routing.route(new RoutableAlert(source, Severity.WARNING, Map.of("team", "dba"), dbCi),
                tuesdayNoon)).isEmpty();

        var verdict = api().body(api().post(accounts.viewer().token(), BASE + "/test", Map.of("source", source,
                "severity", "warning", "labels", Map.of("team", "dba"), "ciId", ciId, "at", "2026-06-09T10:00:00Z")));
        assertThat(verdict.get("route").isNull()).isTrue();
        var dbaVerdict = ruleVerdict(verdict, dba.get("id").asString());
        assertThat(dbaVerdict.get("matches").asBoolean()).isFalse();
        var failed = dbaVerdict.get("conditions").valueStream().filter(c -> !c.get("matches").asBoolean()).toList();
        assertThat(failed).singleElement().satisfies(c -> {
            assertThat(c.get("condition").asString()).isEqualTo("severities");
            assertThat(c.get("has").asString()).isEqualTo("WARNING");
        });
        assertThat(ruleVerdict(verdict, night.get("id").asString()).get("conditions").valueStream()
                .filter(c -> c.get("condition").asString().equals("time")).findFirst().orElseThrow()
                .get("has").asString()).isEqualTo("TUESDAY 12:00");

        var critical = api().body(api().post(accounts.viewer().token(), BASE + "/test", Map.of("source", source,
                "severity", "critical", "labels", Map.of("team", "dba"), "ciId", ciId, "at", "2026-06-09T10:00:00Z")));
        assertThat(critical.get("route").get("policyId").asString()).isEqualTo(dbaPolicy);
        assertThat(ruleVerdict(critical, dba.get("id").asString()).get("chosen").asBoolean()).isTrue();

        // Disabling the night rule counts at once: the same Saturday-night alert now goes to the DBAs.
        var disabled = new HashMap<String, Object>(Map.of("name", "nights", "enabled", false, "policyId", nightPolicy,
                "conditions", Map.of("sources", List.of(source)), "version", 0));
        assertThat(api().put(accounts.admin().token(), BASE + "/" + night.get("id").asString(), disabled))
                .hasStatusOk();
        assertThat(routing.route(alert, saturdayNight).orElseThrow().policyId().toString()).isEqualTo(dbaPolicy);
        assertThat(api().put(accounts.admin().token(), BASE + "/" + night.get("id").asString(), disabled))
                .hasStatus(409);

        // A policy a rule sends alerts to cannot be deleted.
        assertThat(api().delete(accounts.admin().token(), "/api/v1/escalation-policies/" + dbaPolicy)).hasStatus(409);
        assertThat(api().delete(accounts.admin().token(), BASE + "/" + dba.get("id").asString())).hasStatus(204);
        assertThat(api().delete(accounts.admin().token(), "/api/v1/escalation-policies/" + dbaPolicy)).hasStatus(204);
        assertThat(routing.route(alert, tuesdayNoon)).isEmpty();
        assertThat(api().delete(accounts.admin().token(), BASE + "/" + night.get("id").asString())).hasStatus(204);
        assertThat(new OnCallFixtures(api(), accounts).auditedActions("routing-rule", night.get("id").asString()))
                .containsExactly("routing-rule.delete", "routing-rule.update", "routing-rule.create");
    }

    @Test
    void reorderingChangesWhichRuleWins() throws Exception {
        var source = ApiCalls.unique("order");
        var first = createRule("first", newPolicy(), Map.of("sources", List.of(source)));
        var second = createRule("second", newPolicy(), Map.of("sources", List.of(source)));
        var alert = new RoutableAlert(source, Severity.INFO, Map.of(), null);
        assertThat(routing.route(alert, Instant.now()).orElseThrow().ruleName()).isEqualTo("first");

        var ids = new ArrayList<String>();
        api().body(api().get(accounts.viewer().token(), BASE)).valueStream().forEach(r -> ids.add(r.get("id")
                .asString()));
        ids.remove(second.get("id").asString());
        ids.addFirst(second.get("id").asString());
        var reordered = api().put(accounts.admin().token(), BASE + "/order", Map.of("ids", ids));
        assertThat(reordered).hasStatusOk();
        assertThat(api().body(reordered).get(0).get("id").asString()).isEqualTo(second.get("id").asString());
        assertThat(routing.route(alert, Instant.now()).orElseThrow().ruleName()).isEqualTo("second");

        var incomplete = api().put(accounts.admin().token(), BASE + "/order", Map.of("ids", List.of(ids.getFirst())));
        assertThat(incomplete).hasStatus(422);
        assertThat(api().fields(incomplete)).containsExactly("ids");
        assertThat(routing.route(alert, Instant.now()).orElseThrow().ruleName()).isEqualTo("second");
        api().delete(accounts.admin().token(), BASE + "/" + first.get("id").asString());
        api().delete(accounts.admin().token(), BASE + "/" + second.get("id").asString());
    }

    @Test
    void badRulesAndSamplesAreRefusedNamingEachField() throws Exception {
        var name = ApiCalls.unique("broken");
        var refused = api().post(accounts.admin().token(), BASE, Map.of("name", name,
                "policyId", UUID.randomUUID().toString(), "conditions", Map.of(
                        "severities", List.of("apocalyptic"), "ciClasses", List.of("toaster"),
                        "environments", List.of("moon"), "ownerTeams", List.of(ApiCalls.unique("nobody")),
                        "time", Map.of("days", List.of("someday"), "from", "25:00", "to", "06:00",
                                "timeZone", "Europe/Atlantis"))));
        assertThat(refused).hasStatus(422);
        assertThat(api().fields(refused)).containsExactlyInAnyOrder("policyId", "conditions.severities",
                "conditions.ciClasses", "conditions.environments", "conditions.ownerTeams", "conditions.time.timeZone",
                "conditions.time.days", "conditions.time.from");
        var halfWindow = api().post(accounts.admin().token(), BASE, Map.of("name", name, "policyId", newPolicy(),
                "conditions", Map.of("time", Map.of("from", "22:00", "timeZone", "UTC"))));
        assertThat(api().fields(halfWindow)).containsExactly("conditions.time");
        assertThat(api().get(accounts.viewer().token(), BASE).getResponse().getContentAsString()).doesNotContain(name);

        var badSample = api().post(accounts.viewer().token(), BASE + "/test", Map.of("severity", "meh",
                "ciId", UUID.randomUUID().toString(), "at", "noon"));
        assertThat(badSample).hasStatus(422);
        assertThat(api().fields(badSample)).containsExactly("severity", "ciId", "at");
        assertThat(api().get(accounts.viewer().token(), BASE + "/" + UUID.randomUUID())).hasStatus(404);
        assertThat(api().delete(accounts.admin().token(), BASE + "/" + UUID.randomUUID())).hasStatus(404);
    }

    private static JsonNode ruleVerdict(JsonNode verdict, String ruleId) {
        return verdict.get("rules").valueStream().filter(r -> r.get("ruleId").asString().equals(ruleId)).findFirst()
                .orElseThrow();
    }
}
