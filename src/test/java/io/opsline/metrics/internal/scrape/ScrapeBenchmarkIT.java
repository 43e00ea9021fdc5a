package io.opsline.metrics.internal.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import com.sun.management.OperatingSystemMXBean;

import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.internal.ingest.IngestLimits;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.testing.LoopbackHttp;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * Figures, not checks: samples per second and CPU while a node scrapes 20 loopback targets of 1,000
 * series each every second (the test's HTTP server included in the CPU). Runs only when asked for:
 * {@code mvn -B -q -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ScrapeBenchmarkIT -Dopsline.metrics.benchmark=true}; the figures are in
 * failsafe-reports/{h2,postgresql}/*ScrapeBenchmarkIT-output.txt.
 */
@OpslineIntegrationTest
@EnabledIfSystemProperty(named = "opsline.metrics.benchmark", matches = "true")
class ScrapeBenchmarkIT {

    private static final int TARGETS = 20;
    private static final int SERIES = 1_000;
    private static final Duration MEASURED = Duration.ofSeconds(30);

    @Autowired
    ScrapeTargets targets;
    @Autowired
    ScrapeTargetRepository repository;
    @Autowired
    MetricStore store;

    @Test
    void figures() throws Exception {
        var value = new AtomicLong();
        var server = LoopbackHttp.serve(exchange -> {
            var body = body(value.incrementAndGet());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        var node = new ScrapeScheduler(repository, store, new MetricsProperties.Scrape(Duration.ofSeconds(30),
                Duration.ofSeconds(1), DataSize.ofMegabytes(16)), IngestLimits.DEFAULTS, "bench-" + UUID.randomUUID());
        var created = new ArrayList<ScrapeTarget>();
        try {
            for (var i = 0; i < TARGETS; i++) {
                created.add(targets.create(new ScrapeTargetInput(null, "bench-" + UUID.randomUUID(),
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics?t=" + i, "1s", null, Map.of(),
                        List.of(), List.of(), true)));
            }
            node.start();
            Thread.sleep(10_000);
            var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var samplesBefore = store.stats().samplesAppended();
            var cpuBefore = os.getProcessCpuTime();
            var started = System.nanoTime();
            Thread.sleep(MEASURED.toMillis());
            var seconds = (System.nanoTime() - started) / 1e9;
            var samples = store.stats().samplesAppended() - samplesBefore;
            var cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
            figure("targets %d x series %d every 1s, measured %.1f s", TARGETS, SERIES, seconds);
            figure("samples stored: %.0f/s (all scrapers of the process)", samples / seconds);
            figure("process CPU: %.2f cores of %d (test HTTP server included); %.2f µs CPU per sample", cpu / seconds,
                    os.getAvailableProcessors(), cpu * 1e6 / Math.max(1, samples));
            assertThat(samples).isPositive();
        } finally {
            node.stop();
            for (var target : created) {
                targets.delete(target.id(), null);
            }
            server.stop(0);
        }
    }

    private static byte[] body(long scrape) {
        var text = new StringBuilder(SERIES * 60);
        text.append("# TYPE bench_requests_total counter\n");
        for (var i = 0; i < SERIES; i++) {
            text.append("bench_requests_total{path=\"/api/").append(i).append("\",code=\"200\"} ")
                    .append(scrape * 7 + i).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("java:S106")
    private static void figure(String format, Object... arguments) {
        System.out.println("FIGURE " + format.formatted(arguments));
    }
}
