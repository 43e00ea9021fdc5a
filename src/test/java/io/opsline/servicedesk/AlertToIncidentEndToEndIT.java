package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole way from a failing check to a closed-out incident, through the public API only: the
 * check fails, monitoring tells alerting, the alert opens a group, the group an incident; an
 * operator takes it on and resolves it; the check recovers. MTTA and MTTR count from the failure.
 */
@OpslineIntegrationTest
class AlertToIncidentEndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    ApiCalls api;
    String rule;

    @AfterEach
    void removeRule() {
        if (rule != null) {
            api.delete(accounts.admin().token(), "/api/v1/incident-rules/" + rule);
        }
    }

    @Test
    void aFailedCheckBecomesAnIncidentWhoseMttaAndMttrCountFromTheFailure() {
        api = new ApiCalls(mvc, json);
        var operator = accounts.operator().token();
        var created = api.post(accounts.admin().token(), "/api/v1/incident-rules", Map.of("name", unique("servers"),
                "position", 1, "minSeverity", "critical", "ciClasses", List.of("server"), "impact", "high",
                "urgency", "high"));
        assertThat(created).hasStatus(201);
        rule = api.body(created).get("id").asString();
        var ci = api.body(api.post(operator, "/api/v1/cis", Map.of("class", "server", "name", unique("web"))))
                .get("id").asString();
        var check = api.post(operator, "/api/v1/checks", Map.of("ci", ci, "name", "nginx", "type", "passive",
                "params", Map.of("freshnessSeconds", 90_000, "staleState", "critical"), "maxAttempts", 1));
        assertThat(check).hasStatus(201);
        var results = "/api/v1/checks/" + api.body(check).get("id").asString() + "/results";
        var failedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));

        assertThat(api.post(operator, results, Map.of("state", "critical", "output", "NGINX CRITICAL - no answer",
                "checkedAt", failedAt.toString()))).hasStatusOk();

        await().atMost(PATIENCE).until(() -> api.body(api.get(operator, "/api/v1/incidents?ci=" + ci)).get("total")
                .asLong() == 1);
        var incident = api.body(api.get(operator, "/api/v1/incidents?ci=" + ci)).get("items").get(0);
        var path = "/api/v1/incidents/" + incident.get("reference").asString();
        assertThat(incident.get("priority").asString()).isEqualTo("P1");
        assertThat(Instant.parse(incident.get("startedAt").asString())).isEqualTo(failedAt);

        var beforeAck = Jdbc.now();
        var acknowledged = api.body(api.post(operator, path + "/acknowledge", Map.of("version",
                incident.get("version").asLong())));
        var afterAck = Jdbc.now();
        assertThat(acknowledged.get("state").asString()).isEqualTo("in_progress");
        var beforeResolve = Jdbc.now();
        var resolved = api.post(operator, path + "/transition", Map.of("version", acknowledged.get("version").asLong(),
                "state", "resolved", "resolutionCode", "solved_workaround", "resolutionNotes", "Restarted nginx"));
        var afterResolve = Jdbc.now();
        assertThat(resolved).hasStatusOk();

        assertThat(api.post(operator, results, Map.of("state", "ok", "output", "NGINX OK"))).hasStatusOk();
        await().atMost(PATIENCE).until(() -> api.body(api.get(operator, path + "/alerts")).get("allResolved")
                .asBoolean());

        var after = api.body(api.get(operator, path));
        assertThat(after.get("state").asString()).as("resolved by the operator, not again").isEqualTo("resolved");
        assertThat(after.get("resolutionNotes").asString()).isEqualTo("Restarted nginx");
        var started = Instant.parse(after.get("startedAt").asString());
        var mtta = Duration.between(started, Instant.parse(after.get("respondedAt").asString()));
        var mttr = Duration.between(started, Instant.parse(after.get("resolvedAt").asString()));
        assertThat(mtta).isBetween(Duration.between(failedAt, beforeAck), Duration.between(failedAt, afterAck));
        assertThat(mttr).isBetween(Duration.between(failedAt, beforeResolve), Duration.between(failedAt, afterResolve));
        assertThat(kinds(api.body(api.get(operator, path + "/timeline")))).containsSubsequence("created",
                "alert_fired", "state", "state", "alert_resolved", "alerts_all_resolved");
    }

    private static List<String> kinds(JsonNode timeline) {
        return timeline.valueStream().map(e -> e.get("kind").asString()).toList();
    }
}
