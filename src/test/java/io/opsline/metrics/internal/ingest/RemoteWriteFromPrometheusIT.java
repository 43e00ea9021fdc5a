package io.opsline.metrics.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opsline.metrics.SeriesData;
import io.opsline.testing.LoopbackHttp;
import io.opsline.testing.Peers;

/**
 * The real peer: Debian's Prometheus 2.42 scrapes itself and two targets this test serves (the
 * node exporter's text in format 0.0.4 and an OpenMetrics text) and sends everything by remote write
 * to this test, which decodes it. Prometheus' own count of what it scraped from each target must
 * equal what the parser finds in the same text.
 */
class RemoteWriteFromPrometheusIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    Path directory;
    private HttpServer server;
    private Process prometheus;
    private final List<SeriesData> received = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final Map<String, String> acceptHeaders = new ConcurrentHashMap<>();
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(IngestLimits.DEFAULTS);

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void decodesWhatPrometheusSendsAndCountsScrapesAsPrometheusDoes() throws IOException {
        Peers.assumePresent(Files.isExecutable(PROMETHEUS), "prometheus", "prometheus");
        var nodeText = ExpositionParserTest.resource("node-exporter.txt");
        var openMetrics = ExpositionParserTest.resource("openmetrics.txt");
        server = LoopbackHttp.serve(exchange -> {
            try (exchange) {
                switch (exchange.getRequestURI().getPath()) {
                    case "/write" -> receive(exchange);
                    case "/node" -> serve(exchange, "node", nodeText, ExpositionFormat.PROMETHEUS_TEXT);
                    case "/openmetrics" -> serve(exchange, "openmetrics", openMetrics, ExpositionFormat.OPENMETRICS);
                    default -> exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        var ownPort = Peers.freeTcpPort();
        var target = "127.0.0.1:" + server.getAddress().getPort();
        var config = directory.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                  - job_name: node
                    metrics_path: /node
                    static_configs: [{targets: ["%s"]}]
                  - job_name: openmetrics
                    metrics_path: /openmetrics
                    static_configs: [{targets: ["%s"]}]
                remote_write:
                  - url: http://%s/write
                    queue_config: {batch_send_deadline: 1s}
                """.formatted(ownPort, target, target, target));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + ownPort, "--storage.tsdb.path=" + directory.resolve("data"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();

        await("remote write from Prometheus").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> latest("up", "prometheus").isPresent() && latest("up", "node").isPresent()
                        && latest("up", "openmetrics").isPresent()
                        && latest("scrape_samples_scraped", "openmetrics").isPresent()
                        && latest("scrape_samples_scraped", "node").isPresent()
                        && latest("prometheus_build_info", "prometheus").isPresent()
                        && latest("node_load1", "node").isPresent());

        assertThat(refused).isEmpty();
        assertThat(latest("up", "prometheus")).contains(1.0);
        assertThat(latest("up", "node")).contains(1.0);
        assertThat(latest("up", "openmetrics")).as("Prometheus took our OpenMetrics text").contains(1.0);
        assertThat(latest("scrape_samples_scraped", "node")).contains((double) parsedSamples(nodeText,
                ExpositionFormat.PROMETHEUS_TEXT));
        assertThat(latest("scrape_samples_scraped", "openmetrics")).contains((double) parsedSamples(openMetrics,
                ExpositionFormat.OPENMETRICS));
        assertThat(latest("node_load1", "node")).contains(valueIn(nodeText, "node_load1"));
        assertThat(received).anySatisfy(series -> {
            assertThat(series.labels().metricName()).isEqualTo("prometheus_build_info");
            assertThat(series.labels().get("version")).startsWith("2.42.0");
            assertThat(series.labels().get("instance")).isEqualTo("127.0.0.1:" + ownPort);
        });
        assertThat(received).allSatisfy(series -> {
            assertThat(series.count()).isPositive();
            for (var i = 1; i < series.count(); i++) {
                assertThat(series.timestamps()[i]).isGreaterThan(series.timestamps()[i - 1]);
            }
            assertThat(series.timestamps()[0]).isGreaterThan(1_600_000_000_000L);
        });
        assertThat(acceptHeaders).containsEntry("node", ExpositionFormat.SCRAPE_ACCEPT)
                .containsEntry("openmetrics", ExpositionFormat.SCRAPE_ACCEPT);
    }

    private void receive(HttpExchange exchange) throws IOException {
        assertThat(exchange.getRequestHeaders().getFirst("Content-Encoding")).isEqualTo(RemoteWriteDecoder.CONTENT_ENCODING);
        assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo(RemoteWriteDecoder.CONTENT_TYPE);
        var body = exchange.getRequestBody().readAllBytes();
        try {
            received.addAll(decoder.decode(body, body.length).series());
            exchange.sendResponseHeaders(204, -1);
        } catch (RemoteWriteException e) {
            refused.add(e.getMessage());
            exchange.sendResponseHeaders(400, -1);
        }
    }

    private void serve(HttpExchange exchange, String job, byte[] body, ExpositionFormat format) throws IOException {
        acceptHeaders.put(job, exchange.getRequestHeaders().getFirst("Accept"));
        exchange.getResponseHeaders().set("Content-Type", format.contentType());
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The newest value Prometheus sent for a metric of a job. */
    private Optional<Double> latest(String metric, String job) {
        var newest = Long.MIN_VALUE;
        Double value = null;
        for (var series : received) {
            var labels = series.labels();
            if (metric.equals(labels.metricName()) && job.equals(labels.get("job"))) {
                var last = series.count() - 1;
                if (series.timestamps()[last] > newest) {
                    newest = series.timestamps()[last];
                    value = series.values()[last];
                }
            }
        }
        return Optional.ofNullable(value);
    }

    private static int parsedSamples(byte[] text, ExpositionFormat format) {
        return new ExpositionParser(IngestLimits.DEFAULTS).parse(text, text.length, format, sample -> { }).samples();
    }

    private static double valueIn(byte[] text, String key) {
        var found = new double[1];
        new ExpositionParser(IngestLimits.DEFAULTS).parse(text, text.length, ExpositionFormat.PROMETHEUS_TEXT, sample -> {
            if (sample.key().equals(key)) {
                found[0] = sample.value();
            }
        });
        return found[0];
    }
}
