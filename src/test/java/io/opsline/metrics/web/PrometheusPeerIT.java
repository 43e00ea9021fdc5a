package io.opsline.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import com.sun.net.httpserver.HttpServer;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.Metrics;
import io.opsline.testing.LoopbackHttp;
import io.opsline.testing.Peers;
import io.opsline.testing.RequiresTestDatabase;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real peer, both ways: Debian's Prometheus 2.42 scrapes a target this test serves and forwards
 * every sample to Opsline by remote write; then the same PromQL asked of both at the same instant must
 * give the same answer, series for series, value for value. Opsline runs on a real port here.
 */
@ExtendWith(RequiresTestDatabase.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@Import(TestAccounts.class)
class PrometheusPeerIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JsonMapper json;
    @Autowired
    Metrics metrics;
    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer target;
    private Process prometheus;
    private volatile long scrapes;

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        if (target != null) {
            target.stop(0);
        }
    }

    @Test
    void answersPromqlAsPrometheusDoesOverTheSamplesItRemoteWrote() throws Exception {
        Peers.assumePresent(Files.isExecutable(PROMETHEUS), "prometheus", "prometheus");
        var run = UUID.randomUUID().toString().substring(0, 8);
        var job = "peer-" + run;
        // A family of this run's own, so that its metadata can only have come by this run's remote writes.
        var described = "test_peer_" + run + "_info";
        target = LoopbackHttp.serve(exchange -> {
            try (exchange) {
                var body = (exposition(++scrapes) + """
                        # HELP %s Which peer run this is.
                        # TYPE %s gauge
                        %s 1
                        """.formatted(described, described, described)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        var prometheusUrl = startPrometheus(job, accounts.operator().token());

        var counter = "sum(count_over_time(test_requests_total{job=\"" + job + "\"}[1h]))";
        await("samples remote-written to Opsline").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> scalarOrZero(opsline("/api/v1/query?query=" + encode(counter))) >= 3 * 12);

        // An instant up to which Opsline holds every series of the job (Prometheus sends a scrape's series
        // in batches that may arrive apart): at that instant both hold the same past.
        var at = newestSampleTime(job);
        await("every series of the job remote-written up to the instant compared").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> oldestNewestSample(job) >= at);
        for (var expression : List.of(
                "up{job=\"J\"}",
                "test_requests_total{job=\"J\"}",
                "sum by (job) (rate(test_requests_total{job=\"J\"}[5s]))",
                "increase(test_requests_total{job=\"J\",path=\"/a\"}[6s])",
                "irate(test_requests_total{job=\"J\"}[5s])",
                "avg_over_time(test_temperature_celsius{job=\"J\"}[8s])",
                "max by (room) (test_temperature_celsius{job=\"J\"}) * 2 - 1",
                "count(test_requests_total{job=\"J\"})",
                "test_temperature_celsius{job=\"J\"} > 20",
                "test_temperature_celsius{job=\"J\"} > bool 20",
                "test_requests_total{job=\"J\",path=\"/a\"} / ignoring (path) test_requests_total{job=\"J\",path=\"/b\"}")) {
            var path = "/api/v1/query?query=" + encode(expression.replace("\"J\"", "\"" + job + "\""))
                    + "&time=" + seconds(at);
            assertThat(results(opsline(path))).as(expression).isEqualTo(results(get(prometheusUrl + path, null)));
        }
        var range = "/api/v1/query_range?query=" + encode("rate(test_requests_total{job=\"" + job + "\"}[4s])")
                + "&start=" + seconds(at - 8_000) + "&end=" + seconds(at) + "&step=1";
        assertThat(results(opsline(range))).isNotEmpty().isEqualTo(results(get(prometheusUrl + range, null)));

        var names = opsline("/api/v1/label/__name__/values?match[]=" + encode("{job=\"" + job + "\"}"));
        assertThat(strings(names.get("data"))).contains("test_requests_total", "test_temperature_celsius", "up",
                "scrape_duration_seconds");
        var series = opsline("/api/v1/series?match[]=" + encode("test_requests_total{job=\"" + job + "\"}"));
        assertThat(series.get("data").size()).isEqualTo(2);

        await("metadata remote-written to Opsline").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> opsline("/api/v1/metadata?metric=" + described).get("data").has(described));
        var metadata = opsline("/api/v1/metadata?metric=" + described).get("data").get(described).get(0);
        assertThat(metadata.get("type").asString()).isEqualTo("gauge");
        assertThat(metadata.get("help").asString()).isEqualTo("Which peer run this is.");
    }

    /** Two counters rising by the scrape, a gauge per room moving with it: the same text for both scrapers. */
    private static String exposition(long scrape) {
        return """
                # HELP test_requests_total Requests served.
                # TYPE test_requests_total counter
                test_requests_total{path="/a"} %d
                test_requests_total{path="/b"} %d
                # HELP test_temperature_celsius A room's temperature.
                # TYPE test_temperature_celsius gauge
                test_temperature_celsius{room="hall"} %s
                test_temperature_celsius{room="lab"} %s
                """.formatted(scrape * 7, scrape * scrape % 1000, 18.5 + scrape % 5, 21.25 - scrape % 3 * 0.5);
    }

    private String startPrometheus(String job, String token) throws IOException {
        var ownPort = Peers.freeTcpPort();
        var config = directory.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                remote_write:
                  - url: http://127.0.0.1:%d/api/v1/write
                    authorization: {credentials: %s}
                    queue_config: {batch_send_deadline: 1s}
                    metadata_config: {send_interval: 1s}
                """.formatted(job, target.getAddress().getPort(), port, token));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + ownPort, "--storage.tsdb.path=" + directory.resolve("data"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        return "http://127.0.0.1:" + ownPort;
    }

    /** The time of the newest sample of the job's counter in Opsline, in milliseconds. */
    private long newestSampleTime(String job) {
        return newestOfSlowest(List.of(Matcher.equal("job", job), Matcher.equal(Labels.NAME, "test_requests_total")));
    }

    /** The time up to which Opsline has samples of every series of the job. */
    private long oldestNewestSample(String job) {
        return newestOfSlowest(List.of(Matcher.equal("job", job)));
    }

    /** Of the selected series, the newest sample time of the one whose newest sample is oldest. */
    private long newestOfSlowest(List<Matcher> matchers) {
        return metrics.select(matchers, Instant.now().minusSeconds(3600), Instant.now()).stream()
                .mapToLong(series -> series.timestamps()[series.count() - 1]).min().orElseThrow();
    }

    private JsonNode opsline(String path) throws Exception {
        return get("http://127.0.0.1:" + port + path, accounts.viewer().token());
    }

    private JsonNode get(String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static double scalarOrZero(JsonNode answer) {
        var result = answer.get("data").get("result");
        return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).get("value").get(1).asString());
    }

    /** An answer's series as label map → values, ordered, for comparing two answers whatever their order. */
    private static Map<String, List<String>> results(JsonNode answer) {
        assertThat(answer.get("status").asString()).isEqualTo("success");
        var byLabels = new TreeMap<String, List<String>>();
        for (var series : answer.get("data").get("result")) {
            var labels = new TreeMap<String, String>();
            series.get("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            var values = new ArrayList<String>();
            var points = series.has("values") ? series.get("values") : List.of(series.get("value"));
            for (var point : points) {
                // Numbers compared as numbers to 12 significant digits: a sum may add its terms in another order.
                var time = Math.round(point.get(0).asDouble() * 1000);
                var value = point.get(1).asString();
                var number = Double.parseDouble(value.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
                values.add(time + "=" + (Double.isFinite(number)
                        ? new BigDecimal(number).round(new MathContext(12)).stripTrailingZeros().toPlainString() : value));
            }
            byLabels.put(labels.toString(), values);
        }
        return byLabels;
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
