package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.Matcher.Op;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.promql.PromqlEvaluator;
import io.opsline.metrics.internal.promql.QueryResult;
import io.opsline.metrics.internal.promql.QuerySettings;
import io.opsline.metrics.internal.promql.QuerySettings.Resolution;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.store.AppendResult.Rejection;
import io.opsline.metrics.internal.store.ChunkRepository.StoredChunk;
import io.opsline.platform.DatabaseEngine;
import io.opsline.testing.OpslineIntegrationTest;

/**
 * The store on the test database. Besides the application's own store, tests start stores of
 * their own on the same database, as further nodes would, and drop one without stopping it, as a
 * crash would. Each test uses metric names of its own, so that it finds only its own series and chunks.
 */
@OpslineIntegrationTest
class MetricStoreIT {

    private static final long STALE_MARKER = 0x7ff0000000000002L;
    private static final long HOUR = 3_600_000;
    private static final Random RANDOM = new Random();

    @Autowired
    MetricStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    MetricsProperties properties;

    @Test
    void samplesAreSelectableAsSoonAsTheAppendReturns() {
        var name = metric();
        var base = blockStart();
        var result = store.append("test", List.of(series(Labels.of("__name__", name, "job", "a"), base, 15_000, 1, 2, 3),
                series(Labels.of("__name__", name, "job", "b"), base, 15_000, 10, 20)));

        assertThat(result.accepted()).isEqualTo(5);
        assertThat(result.rejectedTotal()).isZero();
        var selected = store.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR);
        assertThat(selected).extracting(data -> data.labels().get("job")).containsExactly("a", "b");
        assertThat(values(selected.getFirst())).containsExactly(1.0, 2.0, 3.0);
        assertThat(times(selected.getFirst())).containsExactly(base, base + 15_000, base + 30_000);
        assertThat(store.select(List.of(Matcher.equal("__name__", name)), base + 15_000, base + 15_000))
                .extracting(SeriesData::count).containsExactly(1, 1);
    }

    @Test
    void refusesOutOfOrderSamplesAndOtherValuesAtATimeButIgnoresRepeats() {
        var name = metric();
        var base = blockStart();
        var labels = Labels.of("__name__", name);
        store.append("test", List.of(series(labels, base, 10_000, 1, 2, 3)));

        var result = store.append("test", List.of(
                new SeriesData(labels, new long[] {base + 5_000, base + 20_000, base + 20_000, base + 30_000},
                        new double[] {9, 3, 4, 5}, 4)));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.ignored()).isEqualTo(1);
        assertThat(result.rejected(Rejection.OUT_OF_ORDER)).isEqualTo(1);
        assertThat(result.rejected(Rejection.DUPLICATE_TIMESTAMP)).isEqualTo(1);
        assertThat(result.messages()).anySatisfy(message -> assertThat(message).contains(name, "older"))
                .anySatisfy(message -> assertThat(message).contains(name, "another value"));
        assertThat(values(only(store.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR))))
                .containsExactly(1.0, 2.0, 3.0, 5.0);
    }

    @Test
    void aSourceAtItsSeriesLimitGetsNoNewSeriesButKeepsWritingItsOwn() {
        var limited = StoreNodes.start(context, settings(3));
        var name = metric();
        var base = blockStart();
        var batch = new ArrayList<SeriesData>();
        for (var i = 0; i < 5; i++) {
            batch.add(series(Labels.of("__name__", name, "i", "" + i), base, 1000, i));
        }

        var first = limited.append("limited-" + name, batch);
        var again = limited.append("limited-" + name, List.of(series(Labels.of("__name__", name, "i", "0"), base + 1000,
                1000, 7)));

        assertThat(first.accepted()).isEqualTo(3);
        assertThat(first.rejected(Rejection.SERIES_LIMIT)).isEqualTo(2);
        assertThat(first.messages()).first().asString().contains("max-series-per-source", name);
        assertThat(again.accepted()).isEqualTo(1);
        assertThat(limited.stats().samplesRejected().get(Rejection.SERIES_LIMIT)).isEqualTo(2);
        assertThat(limited.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR)).hasSize(3);
    }

    @Test
    void nodesCreatingTheSameSeriesAtOnceGetOneSeries() throws Exception {
        var one = StoreNodes.start(context, properties);
        var other = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        var labels = new ArrayList<Labels>();
        for (var i = 0; i < 50; i++) {
            labels.add(Labels.of("__name__", name, "i", "" + i));
        }
        var tasks = new ArrayList<Callable<AppendResult>>();
        for (var t = 0; t < 8; t++) {
            var node = t % 2 == 0 ? one : other;
            var offset = t;
            tasks.add(() -> node.append("race", labels.stream().map(l -> series(l, base + offset, 1, offset)).toList()));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var future : pool.invokeAll(tasks)) {
                assertThat(future.get().rejected(Rejection.SERIES_LIMIT)).isZero();
            }
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM metric_series WHERE labels LIKE ?", Integer.class, named(name)))
                .isEqualTo(50);
        one.flush();
        other.flush();
        var selector = List.of(Matcher.equal("__name__", name));
        assertThat(one.series(selector, base, base + HOUR)).hasSize(50)
                .isEqualTo(other.series(selector, base, base + HOUR)).isEqualTo(store.series(selector, base, base + HOUR));
    }

    @Test
    void aNodeSeesSeriesAndSamplesAnotherNodeFlushed() {
        var other = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        other.append("test", List.of(series(Labels.of("__name__", name, "node", "other"), base, 1000, 4, 5)));
        other.flush();

        var selected = store.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR);

        assertThat(values(only(selected))).containsExactly(4.0, 5.0);
        assertThat(store.labelValues("node", List.of(Matcher.equal("__name__", name)), base, base + HOUR))
                .containsExactly("other");
        assertThat(store.labelNames(List.of(Matcher.equal("__name__", name)), base, base + HOUR))
                .containsExactly("__name__", "node");
        assertThat(store.series(List.of(Matcher.equal("__name__", name)), base + HOUR, base + 2 * HOUR)).isEmpty();
    }

    @Test
    void nanAndStaleMarkersKeepTheirBitsInMemoryInChunksAndAfterACrash() {
        var name = metric();
        var base = blockStart();
        var values = new double[] {1.0, Double.NaN, Double.longBitsToDouble(STALE_MARKER), Double.POSITIVE_INFINITY,
            -0.0};
        var labels = Labels.of("__name__", name);
        var node = StoreNodes.start(context, properties);
        node.append("test", List.of(new SeriesData(labels, new long[] {base, base + 1, base + 2, base + 3, base + 4},
                values, 5)));
        var selector = List.of(Matcher.equal("__name__", name));

        assertThat(bits(only(node.select(selector, base, base + HOUR)))).containsExactly(bits(values));
        node.flush();
        assertThat(bits(only(store.select(selector, base, base + HOUR)))).containsExactly(bits(values));

        var crashed = StoreNodes.start(context, properties);
        var later = labels.with("phase", "crash");
        crashed.append("test", List.of(new SeriesData(later, new long[] {base, base + 1, base + 2, base + 3, base + 4},
                values, 5)));
        abandon(crashed);
        store.recoverAbandoned(Instant.now());
        assertThat(bits(only(store.select(List.of(Matcher.equal("phase", "crash"), Matcher.equal("__name__", name)),
                base, base + HOUR)))).containsExactly(bits(values));
    }

    @Test
    void aFlushWritesChunksAndDeletesTheWriteAheadRowsTheyCameIn() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        node.append("test", List.of(series(Labels.of("__name__", name, "x", "1"), base, 1000, 1, 2),
                series(Labels.of("__name__", name, "x", "2"), base, 1000, 3)));
        node.append("test", List.of(series(Labels.of("__name__", name, "x", "1"), base + 2000, 1000, 3)));
        assertThat(walRows(node)).isEqualTo(2);

        node.flush();

        assertThat(walRows(node)).isZero();
        assertThat(chunkRows(name)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT SUM(c.sample_count) FROM metric_chunk c JOIN metric_series s"
                + " ON s.id = c.series_id WHERE s.labels LIKE ?", Integer.class, named(name))).isEqualTo(4);
        assertThat(node.stats().chunksFlushed()).isEqualTo(2);
        assertThat(values(store.select(List.of(Matcher.equal("x", "1"), Matcher.equal("__name__", name)), base,
                base + HOUR).getFirst())).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void acknowledgedSamplesSurviveAStoreThatNeverFlushed() {
        var name = metric();
        var base = blockStart();
        var crashed = StoreNodes.start(context, properties);
        var acknowledged = new ArrayList<AppendResult>();
        for (var batch = 0; batch < 20; batch++) {
            var data = new ArrayList<SeriesData>();
            for (var s = 0; s < 10; s++) {
                data.add(series(Labels.of("__name__", name, "s", "" + s), base + batch * 60_000L, 15_000, batch, batch + 0.5,
                        batch + 0.25, batch + 0.125));
            }
            acknowledged.add(crashed.append("test", data));
        }
        assertThat(acknowledged).allSatisfy(result -> assertThat(result.accepted()).isEqualTo(40));

        abandon(crashed);
        // Its start recovers them, unless the application's own store's maintenance got there first.
        StoreNodes.start(context, properties);

        assertThat(walRows(crashed)).isZero();
        var selected = store.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR);
        assertThat(selected).hasSize(10).allSatisfy(data -> assertThat(data.count()).isEqualTo(80));
        assertThat(values(selected.getFirst())).startsWith(0.0, 0.5, 0.25, 0.125, 1.0);
    }

    @Test
    void aGrowingChunkKeepsOneRowAcrossFlushesUntilItIsFull() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        var labels = Labels.of("__name__", name);
        node.append("test", List.of(series(labels, base, 1000, 1, 2, 3)));
        node.flush();
        node.append("test", List.of(series(labels, base + 3000, 1000, 4, 5)));
        node.flush();
        node.flush();

        assertThat(chunkRows(name)).isEqualTo(1);
        assertThat(sampleCount(name)).isEqualTo(5);
        assertThat(node.stats().chunksFlushed()).isEqualTo(2);
        assertThat(node.heldSamples()).isZero();

        var more = new double[SeriesHead.CHUNK_SAMPLES];
        for (var i = 0; i < more.length; i++) {
            more[i] = 6 + i;
        }
        node.append("test", List.of(series(labels, base + 5000, 1000, more)));
        assertThat(node.heldSamples()).isEqualTo(more.length);
        node.flush();

        assertThat(chunkRows(name)).isEqualTo(2);
        assertThat(sampleCount(name)).isEqualTo(5 + more.length);
        var selected = only(store.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR));
        assertThat(selected.count()).isEqualTo(5 + more.length);
        assertThat(times(selected)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void compactionMergesABlocksChunksIntoOnePerSeries() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        var blockMs = properties.blockDuration().toMillis();
        var expected = new ArrayList<Double>();
        // 150 samples per series: two chunks each, the first cut at 120 samples.
        for (var flush = 0; flush < 6; flush++) {
            var values = new double[25];
            for (var i = 0; i < values.length; i++) {
                values[i] = flush * 100 + i;
                expected.add(values[i]);
            }
            var batch = new ArrayList<SeriesData>();
            for (var s = 0; s < 3; s++) {
                batch.add(series(Labels.of("__name__", name, "s", "" + s), base + flush * 25 * 15_000L, 15_000, values));
            }
            node.append("test", batch);
            node.flush();
        }
        // And one sample in the next block, which must stay a chunk of its own.
        node.append("test", List.of(series(Labels.of("__name__", name, "s", "0"), base + blockMs, 1, 99)));
        node.flush();
        assertThat(chunkRows(name)).isEqualTo(3 * 2 + 1);

        node.compact(Instant.now());

        assertThat(chunkRows(name)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT compacted_at IS NOT NULL FROM metric_block WHERE block_start = ?",
                Boolean.class, base)).isTrue();
        var selected = store.select(List.of(Matcher.equal("__name__", name)), base, base + 2 * blockMs);
        assertThat(values(selected.get(1))).containsExactlyElementsOf(expected);
        assertThat(values(selected.getFirst())).endsWith(99.0).hasSize(expected.size() + 1);
        assertThat(times(selected.get(2))).isSorted().doesNotHaveDuplicates();
    }

    /** Compaction finds a block's chunks by series, so a node compacts series another node created after it started. */
    @Test
    void aNodeCompactsTheChunksOfSeriesAnotherNodeCreated() {
        var compactor = StoreNodes.start(context, properties);
        var writer = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        var values = new double[150];
        Arrays.setAll(values, i -> i);
        writer.append("test", List.of(series(Labels.of("__name__", name), base, 15_000, values)));
        writer.flush();
        assertThat(chunkRows(name)).isEqualTo(2);

        compactor.compact(Instant.now());

        assertThat(chunkRows(name)).isEqualTo(1);
        assertThat(rollupResolutions(name)).containsExactly(300_000L, 3_600_000L);
        assertThat(values(only(store.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR))))
                .containsExactly(Arrays.stream(values).boxed().toArray(Double[]::new));
    }

    /** A flush may rewrite a chunk's row between compaction reading it and replacing it: that row must stay. */
    @Test
    void compactionLeavesARowAFlushRewroteAfterItWasRead() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        var labels = Labels.of("__name__", name);
        node.append("test", List.of(series(labels, base, 1000, 1, 2)));
        node.flush();
        var read = jdbc.queryForObject("SELECT c.series_id, c.min_ts, c.max_ts, c.payload FROM metric_chunk c"
                + " JOIN metric_series s ON s.id = c.series_id WHERE s.labels LIKE ?", (rs, n) -> new StoredChunk(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4)), named(name));
        node.append("test", List.of(series(labels, base + 2000, 1000, 3)));
        node.flush();

        var repository = new ChunkRepository(jdbc, new TransactionTemplate(context.getBean(PlatformTransactionManager.class)),
                context.getBean(DatabaseEngine.class), properties.blockDuration().toMillis());
        repository.replaceChunks(List.of(read), List.of(), List.of());

        assertThat(chunkRows(name)).isEqualTo(1);
        assertThat(values(only(store.select(List.of(Matcher.equal("__name__", name)), base, base + HOUR))))
                .containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void chunksPastTheRawRetentionAreDeleted() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var old = Instant.now().minus(properties.retention().raw()).minus(Duration.ofDays(1)).toEpochMilli();
        var recent = blockStart();
        node.append("test", List.of(series(Labels.of("__name__", name, "age", "old"), old, 1000, 1, 2),
                series(Labels.of("__name__", name, "age", "recent"), recent, 1000, 3)));
        node.flush();
        assertThat(chunkRows(name)).isEqualTo(2);

        node.expire(Instant.now());

        assertThat(chunkRows(name)).isEqualTo(1);
        assertThat(store.select(List.of(Matcher.equal("__name__", name)), 0, Long.MAX_VALUE))
                .extracting(data -> data.labels().get("age")).containsExactly("recent");
    }

    @Test
    void compactionRollsEachBlockUpAndRollupsAnswerForItsSamples() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        var minute = 60_000L;
        var values = new double[180];
        for (var i = 0; i < values.length; i++) {
            values[i] = i;
        }
        // Three hours, one sample a minute: across a block's end (blocks are two hours).
        node.append("test", List.of(series(Labels.of("__name__", name), base, minute, values)));
        node.flush();

        node.compact(Instant.now());

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM metric_rollup r JOIN metric_series s ON s.id = r.series_id"
                + " WHERE s.labels LIKE ?", Integer.class, named(name))).isEqualTo(4);
        var named = List.of(Matcher.equal("__name__", name));
        var fiveMinutes = 5 * minute;
        // Buckets end every five minutes, each holding its end: {0}, {1..5}, ..., {116..120} (cut by the block's end), ..., {176..179}.
        var max = only(node.select(named, base, base + 3 * HOUR, fiveMinutes, SeriesSource.Aggregate.MAX));
        assertThat(max.count()).isEqualTo(37);
        assertThat(values(max)).startsWith(0.0, 5.0, 10.0).contains(120.0).endsWith(175.0, 179.0);
        assertThat(times(max)).startsWith(base, base + fiveMinutes).endsWith(base + 179 * minute);
        var min = values(only(node.select(named, base, base + 3 * HOUR, fiveMinutes, SeriesSource.Aggregate.MIN)));
        assertThat(min.get(24)).isEqualTo(116.0);
        var counts = values(only(node.select(named, base, base + 3 * HOUR, fiveMinutes, SeriesSource.Aggregate.COUNT)));
        assertThat(counts.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(180.0);
        var hourly = only(node.select(named, base, base + 3 * HOUR, HOUR, SeriesSource.Aggregate.LAST));
        assertThat(values(hourly)).containsExactly(0.0, 60.0, 120.0, 179.0);
        // Raw samples stand where no rollup is asked for.
        assertThat(only(node.select(named, base, base + 3 * HOUR, 0, SeriesSource.Aggregate.LAST)).count()).isEqualTo(180);
    }

    @Test
    void longRangeQueriesReadRollupsAndAnswerAsTheSamplesWould() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var base = blockStart();
        var minute = 60_000L;
        var values = new double[6 * 60];
        var counter = new double[values.length];
        for (var i = 0; i < values.length; i++) {
            values[i] = i * 2 + (i % 7);
            counter[i] = i * 3 + i / 7;
        }
        node.append("test", List.of(series(Labels.of("__name__", name), base, minute, values),
                series(Labels.of("__name__", name + "_total"), base, minute, counter)));
        node.flush();
        node.compact(Instant.now());
        var raw = new PromqlEvaluator(node, QuerySettings.defaults());
        var queries = List.of(name, "max_over_time(" + name + "[1h])", "min_over_time(" + name + "[1h])",
                "sum_over_time(" + name + "[1h])", "count_over_time(" + name + "[1h])", "avg_over_time(" + name + "[1h])",
                "last_over_time(" + name + "[1h])", "rate(" + name + "_total[2h])");
        var expected = queries.stream().map(query -> rangeValues(raw, query, base + HOUR, base + 6 * HOUR)).toList();
        // The raw samples go, as retention would take them; the evaluator knows they are kept for minutes only.
        jdbc.update("DELETE FROM metric_chunk WHERE series_id IN (SELECT id FROM metric_series WHERE labels LIKE ?"
                + " OR labels LIKE ?)", named(name), named(name + "_total"));
        var rolledUp = new PromqlEvaluator(node, QuerySettings.defaults().withResolutions(List.of(
                new Resolution(0, Duration.ofMinutes(10)), new Resolution(5 * minute, Duration.ofDays(90)))));

        for (var i = 0; i < queries.size(); i++) {
            var answer = rangeValues(rolledUp, queries.get(i), base + HOUR, base + 6 * HOUR);
            if (queries.get(i).startsWith("rate")) {
                // The window's first sample is a bucket's last, up to five minutes later: a close answer, not the same.
                assertThat(answer).hasSameSizeAs(expected.get(i));
                for (var j = 0; j < answer.size(); j++) {
                    assertThat(answer.get(j)).isCloseTo(expected.get(i).get(j), Percentage.withPercentage(5));
                }
            } else {
                assertThat(answer).as(queries.get(i)).usingElementComparator(MetricStoreIT::nearly)
                        .containsExactlyElementsOf(expected.get(i));
            }
        }
    }

    /** Equal but for rounding: an average is a sum over a count from rollups, a running mean from samples. */
    private static int nearly(Double a, Double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? 0 : Double.compare(a, b);
    }

    /** A block is kept while any of it is within retention, as its rollups are. */
    @Test
    void retentionDeletesWholeBlocksOnly() {
        var node = StoreNodes.start(context, properties);
        var name = metric();
        var blockMs = properties.blockDuration().toMillis();
        var cutoff = Instant.now().minus(properties.retention().raw()).toEpochMilli();
        var straddling = Math.floorDiv(cutoff, blockMs) * blockMs;
        node.append("test", List.of(series(Labels.of("__name__", name, "block", "before"), straddling - blockMs, 1000, 1),
                series(Labels.of("__name__", name, "block", "straddling"), straddling, 1000, 2)));
        node.flush();

        node.expire(Instant.now());

        assertThat(store.select(List.of(Matcher.equal("__name__", name)), 0, Long.MAX_VALUE))
                .extracting(data -> data.labels().get("block")).containsExactly("straddling");
    }

    @Test
    void rollupsPastTheirResolutionsRetentionAreDeleted() {
        var shortFiveMinutes = new MetricsProperties(properties.maxSeriesPerSource(), properties.flushInterval(),
                properties.blockDuration(), properties.lease(), properties.maintenanceInterval(),
                new MetricsProperties.Retention(properties.retention().raw(), Duration.ofDays(1), Duration.ofDays(730)),
                properties.query(), properties.ingest(), properties.ruleInterval(), properties.ruleLease(),
                properties.scrape());
        var node = StoreNodes.start(context, shortFiveMinutes);
        var name = metric();
        var blockMs = properties.blockDuration().toMillis();
        var base = Math.floorDiv(Instant.now().minus(Duration.ofDays(3)).toEpochMilli(), blockMs) * blockMs;
        node.append("test", List.of(series(Labels.of("__name__", name), base, 60_000, 1, 2, 3)));
        node.flush();
        node.compact(Instant.now());
        assertThat(rollupResolutions(name)).containsExactly(300_000L, 3_600_000L);

        node.expire(Instant.now());

        assertThat(rollupResolutions(name)).containsExactly(3_600_000L);
        assertThat(chunkRows(name)).isEqualTo(1);
    }

    private List<Long> rollupResolutions(String name) {
        return jdbc.queryForList("SELECT r.resolution_ms FROM metric_rollup r JOIN metric_series s ON s.id = r.series_id"
                + " WHERE s.labels LIKE ? ORDER BY r.resolution_ms", Long.class, named(name));
    }

    /** The values of a one-series range query at hourly steps. */
    private static List<Double> rangeValues(PromqlEvaluator evaluator, String query, long startMs, long endMs) {
        var matrix = (QueryResult.Matrix) evaluator.rangeQuery(query, startMs, endMs, HOUR);
        return values(only(matrix.series()));
    }

    @Test
    void selectsByEveryKindOfMatcher() {
        var name = metric();
        var base = blockStart();
        store.append("test", List.of(series(Labels.of("__name__", name, "job", "api", "env", "prod"), base, 1, 1),
                series(Labels.of("__name__", name, "job", "web", "env", "prod"), base, 1, 2),
                series(Labels.of("__name__", name, "job", "worker"), base, 1, 3)));
        var named = Matcher.equal("__name__", name);

        assertThat(jobs(List.of(named, Matcher.equal("job", "web")), base)).containsExactly("web");
        assertThat(jobs(List.of(named, Matcher.of("job", Op.NOT_EQUAL, "web")), base)).containsExactly("api", "worker");
        assertThat(jobs(List.of(named, Matcher.of("job", Op.MATCHES, "a.*|w.b")), base)).containsExactly("api", "web");
        assertThat(jobs(List.of(named, Matcher.of("job", Op.NOT_MATCHES, "w.*")), base)).containsExactly("api");
        assertThat(jobs(List.of(named, Matcher.equal("env", "")), base)).containsExactly("worker");
        assertThat(jobs(List.of(Matcher.of("__name__", Op.MATCHES, name + "|nothing")), base))
                .containsExactly("api", "web", "worker");
        assertThat(jobs(List.of(named, Matcher.equal("job", "none")), base)).isEmpty();
    }

    private List<String> jobs(List<Matcher> matchers, long base) {
        return store.select(matchers, base, base + HOUR).stream().map(data -> data.labels().get("job")).toList();
    }

    private MetricsProperties settings(int maxSeriesPerSource) {
        return new MetricsProperties(maxSeriesPerSource, properties.flushInterval(), properties.blockDuration(),
                properties.lease(), properties.maintenanceInterval(), properties.retention(), properties.query(),
                properties.ingest(), properties.ruleInterval(), properties.ruleLease(), properties.scrape());
    }

    /** As if the store's process died a lease ago: it stops renewing, and its rows are others' to recover. */
    private void abandon(MetricStore node) {
        jdbc.update("UPDATE metric_writer SET seen_at = ? WHERE writer = ?",
                io.opsline.platform.Jdbc.timestamp(Instant.now().minus(properties.lease()).minus(Duration.ofMinutes(1))),
                node.writer());
    }

    private int walRows(MetricStore node) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM metric_wal WHERE writer = ?", Integer.class, node.writer());
    }

    private int sampleCount(String name) {
        return jdbc.queryForObject("SELECT SUM(c.sample_count) FROM metric_chunk c JOIN metric_series s"
                + " ON s.id = c.series_id WHERE s.labels LIKE ?", Integer.class, named(name));
    }

    private int chunkRows(String name) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM metric_chunk c JOIN metric_series s ON s.id = c.series_id"
                + " WHERE s.labels LIKE ?", Integer.class, named(name));
    }

    /** A LIKE pattern for the series of a metric: the series table keeps the name as the labels' first. */
    private static String named(String name) {
        return "{__name__=\"" + name + "\"%";
    }

    private static String metric() {
        return "test_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The start of a block for a test, closed (so compaction may take it) and within the raw
     * retention (so the application's own maintenance leaves its chunks alone): in the last ten days.
     */
    private long blockStart() {
        var blockMs = properties.blockDuration().toMillis();
        var start = Instant.now().minus(Duration.ofDays(1)).toEpochMilli() - RANDOM.nextLong(9 * 24 * HOUR);
        return Math.floorDiv(start, blockMs) * blockMs;
    }

    private static SeriesData series(Labels labels, long start, long step, double... values) {
        var times = new long[values.length];
        for (var i = 0; i < values.length; i++) {
            times[i] = start + i * step;
        }
        return new SeriesData(labels, times, values, values.length);
    }

    private static SeriesData only(List<SeriesData> selected) {
        assertThat(selected).hasSize(1);
        return selected.getFirst();
    }

    private static List<Double> values(SeriesData data) {
        var values = new ArrayList<Double>();
        for (var i = 0; i < data.count(); i++) {
            values.add(data.values()[i]);
        }
        return values;
    }

    private static List<Long> times(SeriesData data) {
        var times = new ArrayList<Long>();
        for (var i = 0; i < data.count(); i++) {
            times.add(data.timestamps()[i]);
        }
        return times;
    }

    private static long[] bits(SeriesData data) {
        var bits = new long[data.count()];
        for (var i = 0; i < data.count(); i++) {
            bits[i] = Double.doubleToRawLongBits(data.values()[i]);
        }
        return bits;
    }

    private static long[] bits(double[] values) {
        var bits = new long[values.length];
        for (var i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
