package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.CounterSample;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.testing.Peers;

/** Scrapes a real node_exporter (Debian's prometheus-node-exporter) that the test starts on loopback. */
class PrometheusCheckIT {

    private static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");
    private static Process exporter;
    private static URI metrics;

    private final PrometheusCheck check = new PrometheusCheck(new HttpClients());

    @BeforeAll
    static void startNodeExporter() throws Exception {
        Peers.assumePresent(Files.isExecutable(NODE_EXPORTER), "node_exporter", "prometheus-node-exporter");
        int port = Peers.freeTcpPort();
        exporter = new ProcessBuilder(NODE_EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        try (var client = HttpClient.newHttpClient()) {
            Peers.awaitReady("node_exporter answering on " + metrics, () -> client.send(HttpRequest.newBuilder(metrics)
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
    }

    @AfterAll
    static void stopNodeExporter() {
        if (exporter != null) {
            exporter.destroyForcibly();
        }
    }

    private static CheckSpec.Prometheus spec(URI url, String metric, Map<String, String> labels, boolean rate,
            String warning, String critical) {
        return new CheckSpec.Prometheus(url, metric, labels, rate, warning == null ? null : ThresholdRange.parse(warning),
                critical == null ? null : ThresholdRange.parse(critical));
    }

    @Test
    void holdsOneSampleToItsThresholds() {
        // node_exporter_build_info is always 1.
        var ok = check.run(spec(metrics, "node_exporter_build_info", Map.of(), false, "0:1", null),
                Duration.ofSeconds(5), null).result();
        assertThat(ok.state()).isEqualTo(ServiceState.OK);
        assertThat(ok.output()).startsWith("PROMETHEUS OK - node_exporter_build_info{").endsWith(" = 1");
        var critical = check.run(spec(metrics, "node_exporter_build_info", Map.of(), false, null, "0:0.5"),
                Duration.ofSeconds(5), null).result();
        assertThat(critical.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(critical.perfData().getFirst().value()).isEqualTo(1.0);
    }

    @Test
    void anAmbiguousOrMissingSelectionIsUnknownWithWhatWasFound() {
        var ambiguous = check.run(spec(metrics, "node_cpu_seconds_total", Map.of(), false, null, null),
                Duration.ofSeconds(5), null).result();
        assertThat(ambiguous.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(ambiguous.output()).contains("samples match node_cpu_seconds_total; add labels to choose one")
                .contains("mode=");
        var missing = check.run(spec(metrics, "node_no_such_metric", Map.of(), false, null, null),
                Duration.ofSeconds(5), null).result();
        assertThat(missing.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(missing.output()).contains("no sample matches node_no_such_metric");
    }

    @Test
    void judgesACounterByItsRateBetweenTwoScrapes() {
        var idle = spec(metrics, "node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"), true, "@0:10", null);
        var first = check.run(idle, Duration.ofSeconds(5), null);
        assertThat(first.result().state()).isEqualTo(ServiceState.OK);
        assertThat(first.result().output()).contains("its rate follows from the next run");
        // The first reading, dated ten seconds back: the rate spans time without the test waiting for it.
        var earlier = new CounterSample(first.counter().value(), first.counter().at().minusSeconds(10));
        var second = check.run(idle, Duration.ofSeconds(5), earlier);
        // Idle seconds per second of one CPU lie between 0 and 1, inside @0:10: a warning.
        assertThat(second.result().state()).isEqualTo(ServiceState.WARNING);
        assertThat(second.result().output()).startsWith("PROMETHEUS WARNING - rate(node_cpu_seconds_total{")
                .endsWith("/s");
        assertThat(second.result().perfData().getFirst().value()).isBetween(0.0, 1.05);
    }

    @Test
    void aTargetThatDoesNotAnswerIsCritical() throws IOException {
        int port = Peers.freeTcpPort();
        var refused = check.run(spec(URI.create("http://127.0.0.1:" + port + "/metrics"), "up", Map.of(), false,
                null, null), Duration.ofSeconds(5), null).result();
        assertThat(refused.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(refused.output()).contains("connection refused");
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        server.createContext("/metrics", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            var unavailable = check.run(spec(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/metrics"), "up", Map.of(), false, null, null), Duration.ofSeconds(5), null).result();
            assertThat(unavailable.state()).isEqualTo(ServiceState.CRITICAL);
            assertThat(unavailable.output()).endsWith("answered 503");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPageThatIsNotAnExpositionIsUnknownAndSaysSo() {
        // node_exporter answers its landing page, HTML, on any other path.
        var page = check.run(spec(metrics.resolve("/"), "up", Map.of(), false, null, null), Duration.ofSeconds(5),
                null).result();
        assertThat(page.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(page.output()).contains("is not Prometheus text exposition (line 1:");
    }
}
