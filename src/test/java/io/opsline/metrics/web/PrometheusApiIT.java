package io.opsline.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Metrics;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.MetricMetadata;
import io.opsline.metrics.internal.ingest.MetricFamily;
import io.opsline.metrics.internal.ingest.MetricType;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Prometheus query API over samples stored through the facade, its errors in Prometheus' shape, and remote write's refusals. */
@OpslineIntegrationTest
class PrometheusApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Metrics metrics;
    @Autowired
    MetricMetadata metadata;

    String job;
    long base;

    @BeforeEach
    void setUp() {
        job = "api-" + UUID.randomUUID().toString().substring(0, 8);
        base = Instant.now().minusSeconds(600).toEpochMilli() / 1000 * 1000;
        var times = new long[10];
        var counter = new double[10];
        var gauge = new double[10];
        for (var i = 0; i < 10; i++) {
            times[i] = base + i * 15_000L;
            counter[i] = i * 30;
            gauge[i] = 40 + i % 3;
        }
        var recorded = metrics.record("test:" + job, List.of(
                new SeriesData(Labels.of(Labels.NAME, "bytes_total", "job", job, "disk", "sda"), times, counter, 10),
                new SeriesData(Labels.of(Labels.NAME, "bytes_total", "job", job, "disk", "sdb"), times, counter, 10),
                new SeriesData(Labels.of(Labels.NAME, "load", "job", job), times, gauge, 10)));
        assertThat(recorded.accepted()).isEqualTo(30);
    }

    @Test
    void answersInstantAndRangeQueriesInPrometheusShape() {
        var at = seconds(base + 9 * 15_000L);
        var rate = query("/api/v1/query?query=sum by (job) (rate(bytes_total{job=\"" + job + "\"}[1m]))&time=" + at);
        assertThat(rate.get("status").asString()).isEqualTo("success");
        assertThat(rate.get("data").get("resultType").asString()).isEqualTo("vector");
        var sample = rate.get("data").get("result").get(0);
        assertThat(sample.get("metric").get("job").asString()).isEqualTo(job);
        assertThat(Double.parseDouble(sample.get("value").get(1).asString())).isEqualTo(4.0);

        var range = query("/api/v1/query_range?query=load{job=\"" + job + "\"}&start=" + seconds(base) + "&end=" + at
                + "&step=15s");
        assertThat(range.get("data").get("resultType").asString()).isEqualTo("matrix");
        assertThat(range.get("data").get("result").get(0).get("values").size()).isEqualTo(10);

        var scalar = query("/api/v1/query?query=2*3");
        assertThat(scalar.get("data").get("resultType").asString()).isEqualTo("scalar");
        assertThat(scalar.get("data").get("result").get(1).asString()).isEqualTo("6");
    }

    @Test
    void takesQueriesAsPostedFormsAsGrafanaSendsThem() throws Exception {
        var answer = mvc.post().uri("/api/v1/query").header("Authorization", "Bearer " + accounts.viewer().token())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("query=count(bytes_total%7Bjob%3D%22" + job + "%22%7D)&time=" + seconds(base + 60_000)).exchange();
        assertThat(answer).hasStatusOk();
        assertThat(body(answer.getResponse().getContentAsString()).get("data").get("result").get(0).get("value").get(1)
                .asString()).isEqualTo("2");
    }

    @Test
    void listsSeriesLabelNamesAndValues() {
        var series = query("/api/v1/series?match[]=bytes_total{job=\"" + job + "\"}");
        assertThat(series.get("data").size()).isEqualTo(2);
        assertThat(series.get("data").get(0).get("disk").asString()).isEqualTo("sda");
        var names = query("/api/v1/labels?match[]={job=\"" + job + "\"}");
        assertThat(names.get("data").toString()).isEqualTo("[\"__name__\",\"disk\",\"job\"]");
        var values = query("/api/v1/label/disk/values?match[]={job=\"" + job + "\"}");
        assertThat(values.get("data").toString()).isEqualTo("[\"sda\",\"sdb\"]");
        var noSelector = mvc.get().uri("/api/v1/series").header("Authorization", "Bearer " + accounts.viewer().token())
                .exchange();
        assertThat(noSelector).hasStatus(400);
    }

    @Test
    void refusesBadAndUnsupportedPromqlWithPrometheusErrors() {
        var unsupported = error("/api/v1/query?query=rate(bytes_total[5m])[30m:1m]", 400);
        assertThat(unsupported.get("errorType").asString()).isEqualTo("bad_data");
        assertThat(unsupported.get("error").asString()).contains("unsupported").contains("subquery");
        var syntax = error("/api/v1/query?query=sum(bytes_total", 400);
        assertThat(syntax.get("error").asString()).contains("parse error");
        var badStep = error("/api/v1/query_range?query=up&start=10&end=20&step=0", 400);
        assertThat(badStep.get("error").asString()).contains("step");
        var missing = error("/api/v1/query_range?query=up&start=10&end=20", 400);
        assertThat(missing.get("error").asString()).contains("step");
        var tooMany = error("/api/v1/query_range?query=up&start=0&end=100000&step=1", 400);
        assertThat(tooMany.get("error").asString()).contains("11,000");
    }

    @Test
    void describesMetricFamiliesAsScrapesDescribedThem() {
        var counter = job + "_requests_total";
        var gauge = job + "_temperature";
        metadata.record(List.of(new MetricFamily(counter, MetricType.COUNTER, "Requests \"served\".", ""),
                new MetricFamily(gauge, MetricType.GAUGE, "Old help.", "celsius")));
        metadata.record(List.of(new MetricFamily(gauge, MetricType.GAUGE, "Degrees in the room.", "celsius")));

        var one = query("/api/v1/metadata?metric=" + gauge).get("data");
        assertThat(one.size()).isEqualTo(1);
        var described = one.get(gauge).get(0);
        assertThat(described.get("type").asString()).isEqualTo("gauge");
        assertThat(described.get("help").asString()).isEqualTo("Degrees in the room.");
        assertThat(described.get("unit").asString()).isEqualTo("celsius");
        assertThat(query("/api/v1/metadata?metric=" + counter).get("data").get(counter).get(0).get("help").asString())
                .isEqualTo("Requests \"served\".");
        assertThat(query("/api/v1/metadata?metric=no_such_metric_" + job).get("data").size()).isZero();
        assertThat(query("/api/v1/metadata?limit=1").get("data").size()).isEqualTo(1);
        assertThat(query("/api/v1/metadata").get("data").has(counter)).isTrue();
        assertThat(error("/api/v1/metadata?limit=many", 400).get("error").asString()).isEqualTo("limit must be a number");
    }

    @Test
    void remoteWriteRefusesCorruptBodiesAndCountsThem() throws Exception {
        var before = query("/api/v1/metrics/status").get("remoteWriteBodiesRefused").asLong();
        var corrupt = mvc.post().uri("/api/v1/write").header("Authorization", "Bearer " + accounts.operator().token())
                .header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .content(new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02}).exchange();
        assertThat(corrupt).hasStatus(400);
        assertThat(corrupt.getResponse().getContentAsString()).isNotBlank();
        assertThat(query("/api/v1/metrics/status").get("remoteWriteBodiesRefused").asLong()).isEqualTo(before + 1);

        var viewer = mvc.post().uri("/api/v1/write").header("Authorization", "Bearer " + accounts.viewer().token())
                .content(new byte[] {1}).exchange();
        assertThat(viewer).hasStatus(403);
    }

    private JsonNode query(String path) {
        var answer = mvc.get().uri(uri(path)).header("Authorization", "Bearer " + accounts.viewer().token()).exchange();
        assertThat(answer).hasStatusOk();
        return body(contentOf(answer));
    }

    private JsonNode error(String path, int status) {
        var answer = mvc.get().uri(uri(path)).header("Authorization", "Bearer " + accounts.viewer().token()).exchange();
        assertThat(answer).hasStatus(status);
        var error = body(contentOf(answer));
        assertThat(error.get("status").asString()).isEqualTo("error");
        return error;
    }

    private static String contentOf(org.springframework.test.web.servlet.assertj.MvcTestResult answer) {
        try {
            return answer.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode body(String text) {
        return json.readTree(text);
    }

    /** The address as a client would send it: braces and quotes of PromQL percent-encoded, not taken as a template. */
    private static java.net.URI uri(String path) {
        return org.springframework.web.util.UriComponentsBuilder.fromUriString(path).build().encode().toUri();
    }

    private static String seconds(long ms) {
        return String.valueOf(ms / 1000.0);
    }
}
