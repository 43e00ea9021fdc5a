package io.opsline.metrics.internal.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import com.sun.net.httpserver.HttpServer;

import io.opsline.metrics.Matcher;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.MetricMetadata;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.internal.ingest.IngestLimits;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.platform.Secrets;
import io.opsline.testing.LoopbackHttp;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.Peers;

/**
 * Targets scraped into the store by the running node: a real node exporter, a closed port, a test
 * server whose series come and go, and two further nodes that share the targets without ever
 * scraping one twice in an interval.
 */
@OpslineIntegrationTest
class ScrapingIT {

    private static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");

    @Autowired
    ScrapeTargets targets;
    @Autowired
    ScrapeTargetRepository repository;
    @Autowired
    MetricStore store;
    @Autowired
    MetricMetadata metadata;
    @Autowired
    Secrets secrets;
    @Autowired
    JdbcClient jdbc;

    private static String unique() {
        return "scrape-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ScrapeTarget create(String name, String url, String interval, List<String> keep, List<String> drop) {
        return targets.create(new ScrapeTargetInput(null, name, url, interval, null, Map.of(), keep, drop, true));
    }

    private List<SeriesData> select(String job, String metric) {
        var now = System.currentTimeMillis();
        return store.select(List.of(Matcher.equal("job", job), Matcher.equal("__name__", metric)), now - 600_000,
                now + 60_000);
    }

    private static double last(SeriesData data) {
        return data.values()[data.count() - 1];
    }

    private static boolean stale(double value) {
        return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
    }

    private static void await(Runnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(assertion::run);
    }

    @Test
    void scrapesARealNodeExporterWithJobInstanceAndFilters() throws Exception {
        Peers.assumePresent(Files.isExecutable(NODE_EXPORTER), "prometheus-node-exporter", "prometheus-node-exporter");
        var port = Peers.freeTcpPort();
        var exporter = new ProcessBuilder(NODE_EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var all = unique();
            var filtered = unique();
            var url = "http://127.0.0.1:" + port + "/metrics";
            create(all, url, "1s", List.of(), List.of());
            create(filtered, url, "1s", List.of("node_load.*", "node_cpu_seconds_total"), List.of("node_load15"));
            await(() -> {
                var up = select(all, "up");
                assertThat(up).hasSize(1);
                assertThat(up.getFirst().labels().get("instance")).isEqualTo("127.0.0.1:" + port);
                assertThat(last(up.getFirst())).isEqualTo(1.0);
                assertThat(select(all, "node_load1")).hasSize(1);
                assertThat(select(filtered, "node_load1")).hasSize(1);
            });
            assertThat(select(all, "node_memory_MemTotal_bytes")).hasSize(1);
            assertThat(select(filtered, "node_load15")).isEmpty();
            assertThat(select(filtered, "node_memory_MemTotal_bytes")).isEmpty();
            assertThat(select(filtered, "node_cpu_seconds_total")).isNotEmpty();
            var scraped = last(select(filtered, "scrape_samples_scraped").getFirst());
            var kept = last(select(filtered, "scrape_samples_post_metric_relabeling").getFirst());
            assertThat(kept).isPositive().isLessThan(scraped);
            assertThat(select(all, "scrape_duration_seconds")).hasSize(1);
            assertThat(select(all, "scrape_series_added")).hasSize(1);
            // What the exporter's # TYPE and # HELP lines said, for /api/v1/metadata.
            var load = metadata.described("node_load1", -1).get("node_load1");
            assertThat(load.type()).isEqualTo("gauge");
            assertThat(load.help()).isNotBlank();
            // OpenMetrics names a counter's family without _total, the text format with it.
            var described = metadata.described(null, -1);
            assertThat(Stream.of("node_cpu_seconds", "node_cpu_seconds_total").map(described::get)
                    .filter(Objects::nonNull)).singleElement().extracting(MetricMetadata.Description::type)
                    .isEqualTo("counter");
        } finally {
            exporter.destroy();
        }
    }

    /**
     * Samples are stamped with the time their scrape was due, on the target's phase within the
     * interval, so that their times cost a bit each in a chunk. A scrape started more than the
     * tolerance late keeps its own time: at least most of these must be on time.
     */
    @Test
    void scrapeTimesFallOnTheTargetsScheduleSoTheyCompress() {
        var name = unique();
        var server = serve(new AtomicReference<>("x 1\n"), new AtomicReference<>(200), new ConcurrentLinkedQueue<>());
        try {
            var target = create(name, url(server), "1s", List.of(),
                    List.of());
            await(() -> assertThat(select(name, "x")).singleElement().satisfies(x -> assertThat(x.count()).isGreaterThanOrEqualTo(5)));
            var phase = Math.floorMod((long) target.id().hashCode(), 1000L);
            var x = select(name, "x").getFirst();
            var onTime = 0;
            for (var i = 0; i < x.count(); i++) {
                if (Math.floorMod(x.timestamps()[i], 1000L) == phase) {
                    onTime++;
                }
            }
            assertThat(onTime).as("samples on the schedule of %d", x.count()).isGreaterThan(x.count() / 2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aClosedPortGivesUpZeroAndTheErrorOnTheTarget() {
        var name = unique();
        var target = create(name, "http://127.0.0.1:" + Peers.freeTcpPort() + "/metrics", "1s", List.of(), List.of());
        await(() -> {
            var up = select(name, "up");
            assertThat(up).hasSize(1);
            assertThat(last(up.getFirst())).isEqualTo(0.0);
            var health = targets.get(target.id()).health();
            assertThat(health.up()).isFalse();
            assertThat(health.lastError()).contains("connecting to 127.0.0.1").contains("failed");
        });
        assertThat(targets.list().getFirst().health().urgency()).isZero();
    }

    @Test
    void seriesThatDisappearAndATargetThatGoesDownGetStalenessMarkers() {
        var body = new AtomicReference<>("# TYPE kept gauge\nkept{a=\"1\"} 1\ngoing 2\n");
        var status = new AtomicReference<>(200);
        var server = serve(body, status, new ConcurrentLinkedQueue<>());
        try {
            var name = unique();
            create(name, url(server), "1s", List.of(), List.of());
            await(() -> assertThat(select(name, "going")).hasSize(1));
            body.set("# TYPE kept gauge\nkept{a=\"1\"} 1\n");
            await(() -> assertThat(stale(last(select(name, "going").getFirst()))).isTrue());
            assertThat(last(select(name, "kept").getFirst())).isEqualTo(1.0);
            assertThat(select(name, "kept").getFirst().labels().get("instance")).startsWith("127.0.0.1:");

            status.set(503);
            await(() -> assertThat(stale(last(select(name, "kept").getFirst()))).isTrue());
            assertThat(last(select(name, "up").getFirst())).isEqualTo(0.0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aChangedTargetGoesOnWithoutAGapAndMarksTheSeriesItNowDropsStale() {
        var server = serve(new AtomicReference<>("stays 1\nfiltered 2\n"), new AtomicReference<>(200),
                new ConcurrentLinkedQueue<>());
        try {
            var name = unique();
            var target = create(name, url(server), "1s", List.of(), List.of());
            await(() -> assertThat(select(name, "filtered")).hasSize(1));
            targets.update(target.id(), new ScrapeTargetInput(target.version(), name, url(server), "1s", null, Map.of(),
                    List.of(), List.of("filtered"), true));
            await(() -> assertThat(stale(last(select(name, "filtered").getFirst()))).isTrue());
            for (var kept : List.of("stays", "up")) {
                var data = select(name, kept).getFirst();
                for (var i = 0; i < data.count(); i++) {
                    assertThat(stale(data.values()[i])).as("sample %d of %s, kept through the change", i, kept).isFalse();
                }
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aScrapedLabelClashingWithATargetLabelIsKeptAsExported() {
        var body = new AtomicReference<>("clash{job=\"theirs\",instance=\"x\"} 3\n");
        var server = serve(body, new AtomicReference<>(200), new ConcurrentLinkedQueue<>());
        try {
            var name = unique();
            create(name, url(server), "1s", List.of(), List.of());
            await(() -> assertThat(select(name, "clash")).hasSize(1));
            var labels = select(name, "clash").getFirst().labels();
            assertThat(labels.get("exported_job")).isEqualTo("theirs");
            assertThat(labels.get("exported_instance")).isEqualTo("x");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void twoNodesSharingTheDatabaseNeverScrapeATargetTwiceInAnInterval() throws Exception {
        var requests = new ConcurrentLinkedQueue<Long>();
        var server = serve(new AtomicReference<>("x 1\n"), new AtomicReference<>(200), requests);
        var settings = new MetricsProperties.Scrape(Duration.ofSeconds(3),
                Duration.ofMillis(500), DataSize.ofMegabytes(1), Duration.ofMillis(10));
        var a = new ScrapeScheduler(repository, store, metadata, settings, IngestLimits.DEFAULTS, secrets, "test-a-" + unique());
        var b = new ScrapeScheduler(repository, store, metadata, settings, IngestLimits.DEFAULTS, secrets, "test-b-" + unique());
        a.start();
        b.start();
        try {
            var target = create(unique(), url(server), "1s", List.of(), List.of());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() >= 4);
            // The node scraping it now goes away without giving up its lease: another takes over once it runs out.
            var holder = targets.get(target.id()).health().node();
            if (holder.equals(a.node()) || holder.equals(b.node())) {
                var dying = holder.equals(a.node()) ? a : b;
                dying.stopWithoutRelease();
            }
            var before = requests.size();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() >= before + 4);
            var times = requests.stream().mapToLong(Long::longValue).sorted().toArray();
            for (var i = 1; i < times.length; i++) {
                assertThat(times[i] - times[i - 1]).as("gap before request %d of %s", i, times.length)
                        .isGreaterThan(500);
            }
        } finally {
            a.stop();
            b.stop();
            server.stop(0);
        }
    }

    /**
     * Targets the running nodes hold all of are shared out once two more nodes join: those holding
     * more than a fair share give some back, and the new ones claim them.
     */
    @Test
    void nodesThatJoinGetTheirShareOfTheTargets() {
        var server = serve(new AtomicReference<>("x 1\n"), new AtomicReference<>(200), new ConcurrentLinkedQueue<>());
        var settings = new MetricsProperties.Scrape(Duration.ofSeconds(3),
                Duration.ofMillis(500), DataSize.ofMegabytes(1), Duration.ofMillis(10));
        var mine = new ArrayList<UUID>();
        for (var i = 0; i < 6; i++) {
            mine.add(create(unique(), url(server), "1s", List.of(), List.of()).id());
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> mine.stream().allMatch(id -> targets.get(id).health().node() != null));
        var a = new ScrapeScheduler(repository, store, metadata, settings, IngestLimits.DEFAULTS, secrets, "test-a-" + unique());
        var b = new ScrapeScheduler(repository, store, metadata, settings, IngestLimits.DEFAULTS, secrets, "test-b-" + unique());
        a.start();
        b.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                var nodes = jdbc.sql("SELECT node FROM metric_scrape_node").query(String.class).list();
                assertThat(nodes).contains(a.node(), b.node());
                var share = ScrapeScheduler.fairShare(repository.enabledIds().size(), nodes.size());
                for (var node : nodes) {
                    assertThat(repository.leasedBy(node)).as("targets of " + node).hasSizeLessThanOrEqualTo(share);
                }
                assertThat(repository.leasedBy(a.node())).as("targets of the first node to join").isNotEmpty();
                assertThat(repository.leasedBy(b.node())).as("targets of the second node to join").isNotEmpty();
                assertThat(mine).allSatisfy(id -> assertThat(targets.get(id).health().node()).isNotNull());
            });
        } finally {
            a.stop();
            b.stop();
            mine.forEach(id -> targets.delete(id, null));
            server.stop(0);
        }
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }

    private static HttpServer serve(AtomicReference<String> body, AtomicReference<Integer> status,
            ConcurrentLinkedQueue<Long> requests) {
        return LoopbackHttp.serve(exchange -> {
            requests.add(System.currentTimeMillis());
            var bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            try {
                exchange.sendResponseHeaders(status.get(), bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (IOException e) {
                // the scraper gave up; nothing to answer
            } finally {
                exchange.close();
            }
        });
    }
}
