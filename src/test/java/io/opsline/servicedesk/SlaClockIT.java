package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.CiView;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.servicedesk.internal.sla.SlaClocks;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SLA clocks on real incidents: each test makes a business service of its own with a P4 policy for
 * it, so its targets touch no other test's incidents.
 */
@OpslineIntegrationTest
class SlaClockIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement ciManagement;
    @Autowired
    RelationshipManagement relationshipManagement;
    @Autowired
    SlaClocks clocks;

    ApiCalls api;
    CiFixtures cis;
    String operator;
    String viewer;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        cis = new CiFixtures(ciManagement, relationshipManagement);
        operator = accounts.operator().token();
        viewer = accounts.viewer().token();
    }

    /** A business service with a P4 policy of these targets on the 24×7 calendar. */
    CiView serviceWithP4Policy(String response, String resolution) {
        var service = cis.create("business_service", unique("Service"));
        assertThat(api.post(accounts.admin().token(), "/api/v1/sla-policies", Map.of("name", unique("P4 policy"),
                "priority", "P4", "service", service.id().toString(), "responseTarget", response,
                "resolutionTarget", resolution, "warningPercent", 50))).hasStatus(201);
        return service;
    }

    /** A P4 incident on the service (impact and urgency low). */
    JsonNode incidentOn(CiView service) {
        var created = api.post(operator, "/api/v1/incidents", Map.of("title", unique("Slow pages"), "impact", "low",
                "urgency", "low", "cis", List.of(service.id().toString())));
        assertThat(created).hasStatus(201);
        return api.body(created);
    }

    JsonNode move(JsonNode incident, Map<String, Object> transition) {
        var current = api.body(api.get(operator, "/api/v1/incidents/" + incident.get("reference").asString()));
        var body = new java.util.HashMap<String, Object>(transition);
        body.put("version", current.get("version").asLong());
        var moved = api.post(operator, "/api/v1/incidents/" + incident.get("reference").asString() + "/transition", body);
        assertThat(moved).hasStatusOk();
        return api.body(moved);
    }

    JsonNode clock(JsonNode incident, String kind) {
        var result = api.get(viewer, "/api/v1/incidents/" + incident.get("reference").asString() + "/sla");
        assertThat(result).hasStatusOk();
        return api.body(result).valueStream().filter(c -> c.get("kind").asString().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " clock"));
    }

    List<JsonNode> slaAlerts(String reference) {
        var page = api.body(api.get(viewer, "/api/v1/alerts?source=servicedesk&q=" + reference + "&size=50"));
        return page.get("items").valueStream()
                .filter(a -> a.get("dedupKey").asString().startsWith("sla:" + reference + ":")).toList();
    }

    List<String> slaLines(String reference) {
        var timeline = api.body(api.get(viewer, "/api/v1/incidents/" + reference + "/timeline"));
        return timeline.valueStream().filter(e -> e.get("kind").asString().equals("sla"))
                .map(e -> e.get("body").asString()).toList();
    }

    @Test
    void anIncidentOpensWithAResponseAndAResolutionClockFromThePolicyOfItsService() {
        var service = serviceWithP4Policy("PT1H", "PT10H");
        var incident = incidentOn(service);

        var response = clock(incident, "response");
        assertThat(response.get("state").asString()).isEqualTo("running");
        assertThat(response.get("target").asString()).isEqualTo("PT1H");
        assertThat(response.get("calendar").get("name").asString()).isEqualTo("24×7");
        var startedAt = Instant.parse(incident.get("startedAt").asString());
        assertThat(Instant.parse(response.get("startedAt").asString())).isEqualTo(startedAt);
        assertThat(Instant.parse(response.get("dueAt").asString())).isEqualTo(startedAt.plus(Duration.ofHours(1)));
        var resolution = clock(incident, "resolution");
        assertThat(resolution.get("target").asString()).isEqualTo("PT10H");
        assertThat(Instant.parse(resolution.get("dueAt").asString())).isEqualTo(startedAt.plus(Duration.ofHours(10)));
        assertThat(resolution.get("percentage").asInt()).isLessThan(100);

        var id = UUID.fromString(incident.get("id").asString());
        assertThat(clocks.forIncidents(List.of(id)).get(id)).hasSize(2);
    }

    @Test
    void aHigherPriorityChoosesTheGeneralPolicyOfThatPriority() {
        var incident = incidentOn(serviceWithP4Policy("PT1H", "PT10H"));
        var changed = api.patch(operator, "/api/v1/incidents/" + incident.get("reference").asString(),
                Map.of("version", incident.get("version").asLong(), "impact", "high", "urgency", "high"));
        assertThat(changed).hasStatusOk();
        assertThat(api.body(changed).get("priority").asString()).isEqualTo("P1");

        var resolution = clock(incident, "resolution");
        assertThat(resolution.get("target").asString()).isEqualTo("PT4H");
        assertThat(resolution.get("policy").get("name").asString()).isEqualTo("P1 – Critical");
        assertThat(clock(incident, "response").get("target").asString()).isEqualTo("PT15M");
    }

    @Test
    void holdingAnIncidentStopsItsResolutionClockAndTheHeldTimeDoesNotCount() {
        var incident = incidentOn(serviceWithP4Policy("PT1H", "PT10H"));
        var startedAt = Instant.parse(incident.get("startedAt").asString());

        move(incident, Map.of("state", "on_hold", "holdReason", "awaiting_caller"));
        var held = clock(incident, "resolution");
        assertThat(held.get("state").asString()).isEqualTo("paused");
        assertThat(held.get("dueAt").isNull()).isTrue();
        assertThat(clock(incident, "resolution").get("elapsed").asString()).isEqualTo(held.get("elapsed").asString());
        var response = clock(incident, "response");
        assertThat(response.get("state").asString()).isEqualTo("met");
        assertThat(response.get("stoppedAt").isNull()).isFalse();

        move(incident, Map.of("state", "in_progress"));
        var running = clock(incident, "resolution");
        assertThat(running.get("state").asString()).isEqualTo("running");
        assertThat(Instant.parse(running.get("dueAt").asString())).isAfter(startedAt.plus(Duration.ofHours(10)));
    }

    @Test
    void aTinyTargetWarnsThenBreachesOnceAndResolvingClearsTheSlaAlert() {
        var incident = incidentOn(serviceWithP4Policy("PT1H", "PT2S"));
        var reference = incident.get("reference").asString();

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var alerts = slaAlerts(reference);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.getFirst().get("severity").asString()).isEqualTo("CRITICAL");
        });
        var alert = slaAlerts(reference).getFirst();
        assertThat(alert.get("dedupKey").asString()).isEqualTo("sla:" + reference + ":resolution");
        assertThat(alert.get("status").asString()).isEqualTo("FIRING");
        assertThat(alert.get("occurrences").asLong()).isEqualTo(2);
        assertThat(alert.get("summary").asString()).startsWith(reference + " P4 resolution SLA breached: target 2s");
        assertThat(alert.get("ciId").asString()).isEqualTo(incident.get("cis").get(0).get("id").asString());
        var changes = api.body(api.get(viewer, "/api/v1/alerts/" + alert.get("id").asString() + "/timeline"));
        assertThat(changes.valueStream().filter(c -> c.get("kind").asString().equals("SEVERITY_CHANGED"))
                .map(c -> c.get("text").asString())).containsExactly("WARNING → CRITICAL");

        var lines = slaLines(reference);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("Resolution SLA warning: 50% of 2s used");
        assertThat(lines.get(1)).startsWith("Resolution SLA breached: target 2s passed");
        var breached = clock(incident, "resolution");
        assertThat(breached.get("state").asString()).isEqualTo("breached");
        assertThat(breached.get("percentage").asInt()).isGreaterThanOrEqualTo(100);
        assertThat(breached.get("breachedAt").isNull()).isFalse();

        move(incident, Map.of("state", "resolved", "resolutionCode", "solved_permanently", "resolutionNotes",
                "Cache warmed"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(slaAlerts(reference).getFirst().get("status").asString()).isEqualTo("RESOLVED"));
        var resolved = slaAlerts(reference);
        assertThat(resolved).hasSize(1);
        assertThat(resolved.getFirst().get("occurrences").asLong()).isEqualTo(2);
        assertThat(clock(incident, "resolution").get("state").asString()).isEqualTo("breached");
        assertThat(clock(incident, "response").get("state").asString()).isEqualTo("met");
        assertThat(slaLines(reference)).hasSize(2);
    }
}
