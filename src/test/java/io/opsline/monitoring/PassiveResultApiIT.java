package io.opsline.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Results sent in for passive checks: judged like any result, bad ones refused with the reason. */
@OpslineIntegrationTest
class PassiveResultApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;

    private MvcTestResult send(String method, String uri, Object body) {
        var request = mvc.method(HttpMethod.valueOf(method)).uri(uri)
                .header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer());
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        }
        return request.exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private String passiveCheck(int maxAttempts) {
        var ci = body(send("POST", "/api/v1/cis", Map.of("class", "server", "name",
                "backup-" + UUID.randomUUID().toString().substring(0, 8)))).get("id").asString();
        var check = send("POST", "/api/v1/checks", Map.of("ci", ci, "name", "nightly backup", "type", "passive",
                "params", Map.of("freshnessSeconds", 90_000, "staleState", "critical"), "maxAttempts", maxAttempts));
        assertThat(check).hasStatus(201);
        return body(check).get("id").asString();
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).distinct().toList();
    }

    @Test
    void aResultsPerformanceDataIsInTheChecksSeriesOnceStored() {
        var id = passiveCheck(1);

        assertThat(send("POST", "/api/v1/checks/" + id + "/results",
                Map.of("state", "ok", "output", "BACKUP OK | size=12GB;;;0 duration=240s"))).hasStatusOk();

        var series = body(send("GET", "/api/v1/checks/" + id + "/series?from=-1h&to=" + Instant.now().plusSeconds(60),
                null));
        assertThat(series.get("labels").valueStream().map(JsonNode::asString)).containsExactly("duration", "size");
        assertThat(series.get("series").get(1).get("unit").asString()).isEqualTo("B");
        assertThat(series.get("series").get(1).get("points").get(0).get("max").asDouble()).isEqualTo(12e9);
    }

    @Test
    void aResultSetsTheStateWithItsOutputAndPerformanceData() {
        var id = passiveCheck(1);
        assertThat(body(send("GET", "/api/v1/checks/" + id + "/state", null)).get("state").asString())
                .isEqualTo("PENDING");

        var ok = send("POST", "/api/v1/checks/" + id + "/results",
                Map.of("state", "ok", "output", "BACKUP OK - 12 GB in 4 min | size=12GB;;;0 duration=240s"));
        assertThat(ok).hasStatusOk();
        assertThat(body(ok).get("state").asString()).isEqualTo("OK");
        assertThat(body(ok).get("perfData").size()).isEqualTo(2);

        var critical = send("POST", "/api/v1/checks/" + id + "/results",
                Map.of("exitCode", 2, "output", "BACKUP CRITICAL - job failed\ndisk full on /backup"));
        assertThat(body(critical).get("state").asString()).isEqualTo("CRITICAL");
        assertThat(body(critical).get("stateType").asString()).isEqualTo("HARD");
        assertThat(body(critical).get("output").asString()).isEqualTo("BACKUP CRITICAL - job failed");
        assertThat(body(critical).get("longOutput").asString()).isEqualTo("disk full on /backup");

        var history = body(send("GET", "/api/v1/checks/" + id + "/history", null));
        assertThat(history.valueStream().map(h -> h.get("kind").asString())).containsExactly("HARD_STATE");
        var problems = body(send("GET", "/api/v1/problems", null));
        assertThat(problems.valueStream().map(p -> p.get("checkId").asString())).contains(id);
    }

    @Test
    void anAcknowledgementShowsOnTheStateAndEndsWhenTheStateChanges() {
        var id = passiveCheck(1);
        send("POST", "/api/v1/checks/" + id + "/results", Map.of("state", "critical", "output", "down"));
        var ack = send("PUT", "/api/v1/checks/" + id + "/acknowledgement", Map.of("comment", "on it"));
        assertThat(ack).hasStatusOk();
        var acknowledged = body(send("GET", "/api/v1/checks/" + id + "/state", null));
        assertThat(acknowledged.get("acknowledgement").get("comment").asString()).isEqualTo("on it");

        var recovered = body(send("POST", "/api/v1/checks/" + id + "/results", Map.of("state", "ok", "output", "up")));
        assertThat(recovered.get("acknowledgement").isNull()).isTrue();
        var history = body(send("GET", "/api/v1/checks/" + id + "/history", null));
        assertThat(history.valueStream().map(h -> h.get("kind").asString()))
                .containsExactlyInAnyOrder("HARD_STATE", "ACKNOWLEDGEMENT_REMOVED", "ACKNOWLEDGED", "HARD_STATE");
    }

    @Test
    void softThenHardLikeAnyOtherCheck() {
        var id = passiveCheck(2);
        var first = body(send("POST", "/api/v1/checks/" + id + "/results", Map.of("state", "warning", "output", "W")));
        assertThat(first.get("stateType").asString()).isEqualTo("SOFT");
        var second = body(send("POST", "/api/v1/checks/" + id + "/results", Map.of("state", "warning", "output", "W")));
        assertThat(second.get("stateType").asString()).isEqualTo("HARD");
        assertThat(second.get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void badResultsAreRefusedWithTheFieldAndChangeNothing() {
        var id = passiveCheck(1);
        send("POST", "/api/v1/checks/" + id + "/results", Map.of("state", "ok", "output", "fine"));

        var unknownState = send("POST", "/api/v1/checks/" + id + "/results", Map.of("state", "broken", "output", "x"));
        assertThat(unknownState).hasStatus(422);
        assertThat(fields(body(unknownState))).containsExactly("state");
        var both = new HashMap<String, Object>(Map.of("state", "ok", "exitCode", 0, "output", "x"));
        assertThat(fields(body(send("POST", "/api/v1/checks/" + id + "/results", both)))).containsExactly("state");
        var badExit = send("POST", "/api/v1/checks/" + id + "/results", Map.of("exitCode", 7, "output", "x"));
        assertThat(fields(body(badExit))).containsExactly("exitCode");
        var noOutput = send("POST", "/api/v1/checks/" + id + "/results", Map.of("state", "critical"));
        assertThat(fields(body(noOutput))).containsExactly("output");
        var badPerf = send("POST", "/api/v1/checks/" + id + "/results",
                Map.of("state", "critical", "output", "CRIT | size=twelve"));
        assertThat(badPerf).hasStatus(422);
        assertThat(fields(body(badPerf))).containsExactly("output");
        var badTime = send("POST", "/api/v1/checks/" + id + "/results",
                Map.of("state", "critical", "output", "x", "checkedAt", "yesterday"));
        assertThat(fields(body(badTime))).containsExactly("checkedAt");

        assertThat(body(send("GET", "/api/v1/checks/" + id + "/state", null)).get("state").asString())
                .isEqualTo("OK");
    }

    @Test
    void activeAndMissingChecksTakeNoResults() {
        var ci = body(send("POST", "/api/v1/cis", Map.of("class", "server", "name",
                "active-" + UUID.randomUUID().toString().substring(0, 8)))).get("id").asString();
        var active = body(send("POST", "/api/v1/checks", Map.of("ci", ci, "name", "ssh", "type", "tcp", "params",
                Map.of("port", 22)))).get("id").asString();
        var refused = send("POST", "/api/v1/checks/" + active + "/results", Map.of("state", "ok", "output", "x"));
        assertThat(refused).hasStatus(409);
        assertThat(body(refused).get("detail").asString()).contains("only for passive checks");

        var missing = send("POST", "/api/v1/checks/" + UUID.randomUUID() + "/results",
                Map.of("state", "ok", "output", "x"));
        assertThat(missing).hasStatus(404);
    }
}
