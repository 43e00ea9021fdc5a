package io.opsline.metrics.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.SeriesData;
import io.opsline.platform.DatabaseEngine;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * Figures, not checks: append throughput, bytes per sample after compaction (against Prometheus'
 * own blocks for the same samples, made by promtool) and the time of a 30-day select. Runs only when
 * asked for, alone, with a retention long enough for its 30 days:
 * {@code mvn -B -q -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=MetricStoreBenchmarkIT -Dopsline.metrics.benchmark=true -Dopsline.metrics.retention.raw=3650d};
 * the figures are in failsafe-reports/{h2,postgresql}/*MetricStoreBenchmarkIT-output.txt.
 */
@OpslineIntegrationTest
@EnabledIfSystemProperty(named = "opsline.metrics.benchmark", matches = "true")
class MetricStoreBenchmarkIT {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    DatabaseEngine engine;
    @Autowired
    MetricsProperties properties;

    @Test
    void figures() throws Exception {
        var block = Math.floorDiv(Instant.now().minus(Duration.ofDays(2)).toEpochMilli(), 2 * HOUR) * 2 * HOUR;
        compression("node-15s", 1000, 480, 15_000, block);
        compression("node-1s", 100, 7200, 1000, block);
        throughput(engine.toString(), StoreNodes.start(context, properties), 1000, 1);
        throughput(engine.toString(), StoreNodes.start(context, properties), 1000, 10);
        if (engine == DatabaseEngine.H2) {
            // The tests' H2 lives in memory; Opsline's runs from a file, which is what counts.
            var file = Files.createTempDirectory("metrics-bench-h2").resolve("db");
            try (var dataSource = new HikariDataSource()) {
                dataSource.setJdbcUrl("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                        + ";DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
                dataSource.setUsername("sa");
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/metrics").load().migrate();
                var onFile = new JdbcTemplate(dataSource);
                var transactions = new DataSourceTransactionManager(dataSource);
                throughput("H2 file", StoreNodes.start(onFile, transactions, engine, properties), 1000, 1);
                throughput("H2 file", StoreNodes.start(onFile, transactions, engine, properties), 1000, 10);
            }
        }
        thirtyDaySelect();
    }

    /**
     * Node-exporter-like series over one 2-hour block, appended a scrape at a time and flushed every
     * 15 seconds of data, then compacted: 60% constant gauges, 15% counters rising by small whole
     * numbers (packets, bytes), 10% counters rising by irregular hundredths (CPU seconds), 15% gauges
     * moving now and then by pages (memory bytes). Scrape times are regular but for 2% that are late
     * by 3 to 20 ms (Prometheus aligns times within 2 ms of the interval, as a scraper here should).
     */
    private void compression(String name, int seriesCount, int samplesPerSeries, long interval, long block)
            throws Exception {
        var store = StoreNodes.start(context, properties);
        var random = new Random(42);
        var labels = new Labels[seriesCount];
        var value = new double[seriesCount];
        for (var s = 0; s < seriesCount; s++) {
            var kind = s % 20 < 12 ? "gauge_const" : s % 20 < 15 ? "counter_int" : s % 20 < 17 ? "counter_cpu"
                    : "gauge_mem";
            labels[s] = Labels.of("__name__", "bench_" + name.replace('-', '_') + "_" + kind, "instance",
                    "host" + (s / 50) + ":9100", "n", "" + s);
            value[s] = kind.equals("gauge_mem") ? 4096.0 * (100_000 + random.nextInt(1_000_000))
                    : kind.equals("counter_cpu") ? random.nextInt(100_000) / 100.0 : 1 + random.nextInt(1000);
        }
        var times = new long[seriesCount][samplesPerSeries];
        var values = new double[seriesCount][samplesPerSeries];
        for (var i = 0; i < samplesPerSeries; i++) {
            var batch = new ArrayList<SeriesData>(seriesCount);
            for (var s = 0; s < seriesCount; s++) {
                var kind = labels[s].metricName();
                if (kind.endsWith("counter_int")) {
                    value[s] += random.nextInt(50);
                } else if (kind.endsWith("counter_cpu")) {
                    value[s] = Math.round((value[s] + random.nextDouble() * interval / 1000.0 * 0.05) * 100) / 100.0;
                } else if (kind.endsWith("gauge_mem") && random.nextInt(4) == 0) {
                    value[s] += 4096.0 * (random.nextInt(200) - 100);
                }
                var jitter = random.nextInt(50) == 0 ? 3 + random.nextInt(18) : 0;
                times[s][i] = block + i * interval + jitter;
                values[s][i] = value[s];
                batch.add(new SeriesData(labels[s], new long[] {times[s][i]}, new double[] {value[s]}, 1));
            }
            store.append("bench-" + name, batch);
            if ((i + 1) * interval % 15_000 == 0) {
                store.flush();
            }
        }
        store.flush();
        // The application's own store may hold the block's claim for a moment: until the block is merged.
        var deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (store.compact(Instant.now()) == 0
                && jdbc.queryForObject("SELECT COUNT(*) FROM metric_block WHERE compacted_at IS NULL AND block_start = ?",
                        Integer.class, block) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        var samples = (long) seriesCount * samplesPerSeries;
        var payload = jdbc.queryForObject("SELECT SUM(OCTET_LENGTH(c.payload)) FROM metric_chunk c JOIN metric_series s"
                + " ON s.id = c.series_id WHERE s.labels LIKE ?", Long.class, "{__name__=\"bench_" + name.replace('-', '_') + "%");
        var rows = jdbc.queryForObject("SELECT COUNT(*) FROM metric_chunk c JOIN metric_series s"
                + " ON s.id = c.series_id WHERE s.labels LIKE ?", Long.class, "{__name__=\"bench_" + name.replace('-', '_') + "%");
        var line = String.format(Locale.ROOT, "%s %s: %d series x %d samples, %d chunk rows, payload %.3f bytes/sample",
                engine, name, seriesCount, samplesPerSeries, rows, (double) payload / samples);
        if (engine == DatabaseEngine.POSTGRESQL) {
            jdbc.execute("VACUUM FULL metric_chunk");
            var table = jdbc.queryForObject("SELECT pg_total_relation_size('metric_chunk')", Long.class);
            line += String.format(Locale.ROOT, "; metric_chunk on disk (table, indexes, all data so far) %d bytes", table);
        }
        line += "; " + prometheus(name, labels, times, values);
        report(line);
    }

    /** The same samples as Prometheus stores them: promtool's blocks, their chunk files and whole size. */
    private String prometheus(String name, Labels[] labels, long[][] times, double[][] values) throws Exception {
        var promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            return "promtool not found";
        }
        var dir = Files.createTempDirectory("promtool-" + name);
        var input = dir.resolve("samples.om");
        // OpenMetrics wants a family's lines together, and each series' samples in time order.
        var order = new Integer[labels.length];
        for (var s = 0; s < order.length; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> labels[a].metricName().compareTo(labels[b].metricName()));
        var text = new StringBuilder();
        String family = null;
        for (var s : order) {
            var metric = labels[s].metricName();
            if (!metric.equals(family)) {
                text.append("# TYPE ").append(metric).append(" gauge\n");
                family = metric;
            }
            var labelText = "{instance=\"" + labels[s].get("instance") + "\",n=\"" + labels[s].get("n") + "\"}";
            for (var i = 0; i < times[s].length; i++) {
                text.append(metric).append(labelText).append(' ').append(values[s][i]).append(' ')
                        .append(times[s][i] / 1000).append('.').append(String.format(Locale.ROOT, "%03d", times[s][i] % 1000))
                        .append('\n');
            }
        }
        Files.writeString(input, text.append("# EOF\n"));
        var blocks = dir.resolve("blocks");
        var process = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
                input.toString(), blocks.toString()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            return "promtool failed: " + output;
        }
        long samples = 0;
        for (var series : times) {
            samples += series.length;
        }
        var chunkBytes = size(blocks, true);
        var allBytes = size(blocks, false);
        return String.format(Locale.ROOT, "Prometheus chunks %.3f bytes/sample, whole block %.3f bytes/sample",
                (double) chunkBytes / samples, (double) allBytes / samples);
    }

    private static long size(Path dir, boolean chunksOnly) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !chunksOnly || file.getParent().getFileName().toString().equals("chunks"))
                    .mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /**
     * Two threads append batches of {@code seriesCount} series with {@code samplesPerSeries} each,
     * as scrapes (one sample a series) or remote writes (several) would, while a third flushes every
     * two seconds; ten seconds after a warm-up.
     */
    private void throughput(String database, MetricStore store, int seriesCount, int samplesPerSeries)
            throws Exception {
        var threads = 2;
        var base = Instant.now().minus(Duration.ofDays(3)).toEpochMilli();
        var stop = new AtomicBoolean();
        var counted = new AtomicBoolean();
        try (var pool = Executors.newFixedThreadPool(threads + 1)) {
            var flusher = pool.submit(() -> {
                while (!stop.get()) {
                    Thread.sleep(2000);
                    store.flush();
                }
                return 0L;
            });
            var workers = new ArrayList<Future<Long>>();
            for (var t = 0; t < threads; t++) {
                var thread = t;
                workers.add(pool.submit(() -> {
                    var labels = new Labels[seriesCount];
                    for (var s = 0; s < seriesCount; s++) {
                        labels[s] = Labels.of("__name__", "bench_throughput_" + samplesPerSeries, "thread", "" + thread,
                                "instance", "host" + s % 100, "n", "" + s);
                    }
                    long samples = 0;
                    var step = 0L;
                    while (!stop.get()) {
                        var batch = new ArrayList<SeriesData>(seriesCount);
                        for (var s = 0; s < seriesCount; s++) {
                            var times = new long[samplesPerSeries];
                            var values = new double[samplesPerSeries];
                            for (var i = 0; i < samplesPerSeries; i++) {
                                times[i] = base + (step + i) * 1000;
                                values[i] = s % 3 == 0 ? 1 : (step + i) * 0.25 + s;
                            }
                            batch.add(new SeriesData(labels[s], times, values, samplesPerSeries));
                        }
                        step += samplesPerSeries;
                        var accepted = store.append("bench", batch).accepted();
                        if (counted.get()) {
                            samples += accepted;
                        }
                    }
                    return samples;
                }));
            }
            Thread.sleep(3000);
            counted.set(true);
            var started = System.nanoTime();
            Thread.sleep(10_000);
            stop.set(true);
            var seconds = (System.nanoTime() - started) / 1e9;
            long total = 0;
            for (var worker : workers) {
                total += worker.get();
            }
            flusher.get();
            var flushStarted = System.nanoTime();
            store.flush();
            var flushMs = (System.nanoTime() - flushStarted) / 1e6;
            // Every sample acknowledged is in a chunk: the figure counts nothing that was not stored.
            var stored = store.select(List.of(Matcher.equal("__name__", "bench_throughput_" + samplesPerSeries)),
                    base, Long.MAX_VALUE).stream().mapToLong(SeriesData::count).sum();
            report(String.format(Locale.ROOT, "%s append, %d threads x batches of %d series x %d samples: %.0f samples/s"
                    + " (last flush %.0f ms; %d samples appended, %d read back)", database, threads, seriesCount,
                    samplesPerSeries, total / seconds, flushMs, store.stats().samplesAppended(), stored));
        }
    }

    /** One series, a sample a minute for 30 days, compacted into 2-hour chunks, selected whole. */
    private void thirtyDaySelect() {
        var store = StoreNodes.start(context, properties);
        var labels = Labels.of("__name__", "bench_thirty_days", "instance", "one");
        var end = Math.floorDiv(Instant.now().toEpochMilli(), MINUTE) * MINUTE;
        var start = end - 30 * 24 * HOUR;
        var count = (int) ((end - start) / MINUTE);
        var random = new Random(1);
        var perBatch = 720;
        var value = 0.0;
        for (var from = 0; from < count; from += perBatch) {
            var n = Math.min(perBatch, count - from);
            var times = new long[n];
            var values = new double[n];
            for (var i = 0; i < n; i++) {
                times[i] = start + (from + i) * MINUTE;
                value += random.nextInt(10);
                values[i] = value;
            }
            store.append("bench", List.of(new SeriesData(labels, times, values, n)));
            store.flush();
        }
        store.compact(Instant.now());
        var rows = jdbc.queryForObject("SELECT COUNT(*) FROM metric_chunk c JOIN metric_series s ON s.id = c.series_id"
                + " WHERE s.labels LIKE '{__name__=\"bench_thirty_days\"%'", Long.class);
        var selector = List.of(Matcher.equal("__name__", "bench_thirty_days"));
        var reader = StoreNodes.start(context, properties);
        for (var i = 0; i < 50; i++) {
            reader.select(selector, start, end);
        }
        var timings = new double[100];
        var samples = 0;
        for (var i = 0; i < timings.length; i++) {
            var began = System.nanoTime();
            samples = reader.select(selector, start, end).getFirst().count();
            timings[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(timings);
        report(String.format(Locale.ROOT, "%s 30-day select of one 1-minute series: %d samples from %d chunk rows,"
                + " median %.2f ms, p95 %.2f ms, max %.2f ms", engine, samples, rows, timings[50], timings[95],
                timings[99]));
    }

    private static void report(String line) {
        System.out.println("FIGURE " + line);
    }
}
