package io.opsline.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.monitoring.internal.series.Sample;
import io.opsline.monitoring.internal.series.CheckMetrics;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class CheckSeriesApiIT {

    /** The CI the samples say they are of: one the inventory does not know, whose series then have no ci label. */
    private static final UUID CI = UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    CheckMetrics samples;

    private MvcTestResult get(String uri) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, accounts.viewer().bearer()).exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private String createCheck(String name) {
        var ci = mvc.post().uri("/api/v1/cis").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("class", "server", "name", name, "addresses",
                        List.of("127.0.0.1"))))
                .exchange();
        assertThat(ci).hasStatus(201);
        var check = mvc.post().uri("/api/v1/checks").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("ci", body(ci).get("id").asString(), "name", "ssh port",
                        "type", "tcp", "params", Map.of("port", 22))))
                .exchange();
        assertThat(check).hasStatus(201);
        return body(check).get("id").asString();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @Test
    void answersEachLabelsPointsOfTheLastSixHoursByDefault() {
        var id = createCheck(unique("web"));
        var check = UUID.fromString(id);
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        samples.record(List.of(
                new Sample(check, "ssh port", CI, "time", "s", now.minus(Duration.ofMinutes(30)), 0.2),
                new Sample(check, "ssh port", CI, "time", "s", now.minus(Duration.ofMinutes(29)), 0.4),
                new Sample(check, "ssh port", CI, "duration", "s", now.minus(Duration.ofMinutes(30)), 0.25),
                new Sample(check, "ssh port", CI, "old", "B", now.minus(Duration.ofHours(8)), 1024)));

        var result = get("/api/v1/checks/" + id + "/series");

        assertThat(result).hasStatusOk();
        var body = body(result);
        assertThat(body.get("checkId").asString()).isEqualTo(id);
        var from = Instant.parse(body.get("from").asString());
        var to = Instant.parse(body.get("to").asString());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(6));
        assertThat(body.get("labels").valueStream().map(JsonNode::asString)).containsExactly("duration", "old", "time");
        assertThat(body.get("series").valueStream().map(s -> s.get("label").asString()))
                .containsExactly("duration", "time");
        var time = body.get("series").get(1);
        assertThat(time.get("unit").asString()).isEqualTo("s");
        assertThat(time.get("points").valueStream().mapToLong(p -> p.get("count").asLong()).sum()).isEqualTo(2);

        var condensed = body(get("/api/v1/checks/" + id + "/series?label=time&points=1&from="
                + now.minus(Duration.ofMinutes(31)) + "&to=" + now.minus(Duration.ofMinutes(28))));
        var point = condensed.get("series").get(0).get("points").get(0);
        assertThat(Instant.parse(point.get("at").asString())).isEqualTo(now.minus(Duration.ofMinutes(31)));
        assertThat(point.get("min").asDouble()).isEqualTo(0.2);
        assertThat(point.get("avg").asDouble()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(point.get("max").asDouble()).isEqualTo(0.4);
        assertThat(point.get("count").asLong()).isEqualTo(2);

        var older = body(get("/api/v1/checks/" + id + "/series?from=-24h&to=-6h&label=old&points=10"));
        assertThat(older.get("series").valueStream().map(s -> s.get("label").asString())).containsExactly("old");
        assertThat(older.get("series").get(0).get("points").get(0).get("max").asDouble()).isEqualTo(1024.0);
        var between = body(get("/api/v1/checks/" + id + "/series?from=" + now.minus(Duration.ofHours(9)) + "&to="
                + now.minus(Duration.ofHours(7)) + "&points=2000"));
        assertThat(between.get("series").valueStream().map(s -> s.get("label").asString())).containsExactly("old");
    }

    @Test
    void refusesWrongParametersNamingEachOne() {
        var id = createCheck(unique("db"));

        var backwards = get("/api/v1/checks/" + id + "/series?from=-1h&to=-2h");
        assertThat(backwards).hasStatus(422);
        assertThat(backwards.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(fields(body(backwards))).containsExactly("from");

        assertThat(fields(body(get("/api/v1/checks/" + id + "/series?points=2001")))).containsExactly("points");
        assertThat(fields(body(get("/api/v1/checks/" + id + "/series?points=lots")))).containsExactly("points");
        var malformed = get("/api/v1/checks/" + id + "/series?from=yesterday&to=2024-13-01T00:00:00Z");
        assertThat(malformed).hasStatus(422);
        assertThat(fields(body(malformed))).containsExactlyInAnyOrder("from", "to");
        assertThat(body(malformed).get("errors").get(0).get("message").asString()).contains("-6h");
    }

    @Test
    void anUnknownCheckIsNotFound() {
        var result = get("/api/v1/checks/" + UUID.randomUUID() + "/series");
        assertThat(result).hasStatus(404);
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(mvc.get().uri("/checks/" + UUID.randomUUID() + "/graph")
                .with(user(accounts.viewer().username()).roles("VIEWER")).exchange()).hasStatus(404);
    }

    @Test
    void theGraphPageShowsTheCheckAndReadsItsSeriesWithTheSession() {
        var ci = unique("app");
        var id = createCheck(ci);
        var viewer = user(accounts.viewer().username()).roles("VIEWER");

        var page = mvc.get().uri("/checks/" + id + "/graph").with(viewer).exchange();
        assertThat(page).hasStatusOk();
        var html = new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(html).contains("<h1>ssh port</h1>", ci, "data-series-url=\"/checks/" + id + "/series\"",
                "/js/graph.js", "/js/vendor/uplot-1.6.32/uPlot.iife.min.js");

        var series = mvc.get().uri("/checks/" + id + "/series?from=-1h").with(viewer).exchange();
        assertThat(series).hasStatusOk();
        assertThat(body(series).get("series")).isEmpty();
        assertThat(mvc.get().uri("/checks/" + id + "/series?points=0").with(viewer).exchange()).hasStatus(422);
    }
}
