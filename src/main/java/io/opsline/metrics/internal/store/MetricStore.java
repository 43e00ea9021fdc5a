package io.opsline.metrics.internal.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.SeriesSource.Aggregate;
import io.opsline.metrics.internal.store.AppendResult.Rejection;
import io.opsline.metrics.internal.store.ChunkRepository.ChunkRow;
import io.opsline.metrics.internal.store.ChunkRepository.NewChunk;
import io.opsline.metrics.internal.store.ChunkRepository.NewRollup;

/**
 * Opsline's time-series store: series found or created by labels, samples appended in batches and
 * acknowledged once committed to a write-ahead row, held in memory per series as growing chunks,
 * written every flush interval to one row per chunk (rewritten while the chunk grows), merged per
 * closed block, read back by matchers.
 *
 * <p>An append puts its samples into the series' heads first and commits the write-ahead row
 * after, outside any lock; a flush first takes the ids of the write-ahead rows committed so far,
 * then (under a write lock that appends take for reading, memory only) freezes every head, and
 * writes the frozen chunks and deletes those rows in one transaction. So every row it deletes has its
 * samples in what it writes; a row committed after may hold samples the flush wrote too, and is
 * deleted by the next one. Reads merge memory and chunks and keep one sample per time, so a sample
 * written twice (that way, or by recovering a dead writer's rows) reads once.
 */
public class MetricStore implements SeriesSource, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MetricStore.class);
    /** Write-ahead rows recovered per query. */
    private static final int RECOVERY_BATCH = 100;
    /** Series merged per transaction when compacting a block. */
    private static final int COMPACTION_BATCH = 200;
    /** Chunks deleted per statement past retention. */
    private static final int RETENTION_BATCH = 10_000;

    private final SeriesCatalog catalog;
    private final ChunkRepository chunks;
    private final MetricsProperties properties;
    private final long blockMs;
    private final List<KeptRollup> rollups;
    private final String writer;
    private final Map<Long, SeriesHead> heads = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock flushLock = new ReentrantReadWriteLock();
    /** One flush at a time, so that no chunk is written twice; held across its transaction, which only flushes wait for. */
    private final ReentrantLock flushing = new ReentrantLock();
    /** Write-ahead rows committed whose samples are in the heads, not yet deleted by a flush. */
    private final ConcurrentLinkedQueue<Long> committedWal = new ConcurrentLinkedQueue<>();
    private volatile boolean running;

    private final LongAdder appended = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);
    private final LongAdder walRows = new LongAdder();
    private final LongAdder chunksFlushed = new LongAdder();
    private final LongAdder chunksCompacted = new LongAdder();
    private final LongAdder walRecovered = new LongAdder();
    private final LongAdder chunksExpired = new LongAdder();
    private final LongAdder rollupsWritten = new LongAdder();

    /** A resolution rolled up to, and how long its rollups are kept. */
    private record KeptRollup(long resolutionMs, Duration retention) {
    }

    MetricStore(SeriesRepository series, ChunkRepository chunks, MetricsProperties properties) {
        this.catalog = new SeriesCatalog(series, properties.maxSeriesPerSource());
        this.chunks = chunks;
        this.properties = properties;
        this.blockMs = properties.blockDuration().toMillis();
        this.rollups = properties.rollups().stream()
                .map(rollup -> new KeptRollup(rollup.resolution().toMillis(), rollup.retention())).toList();
        this.writer = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        for (var reason : Rejection.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    /** The name this node writes under (host and a random part), for other claims the node makes in metrics. */
    public String node() {
        return writer;
    }

    /**
     * Stores samples of a source's series, creating series it has not sent before (within its
     * limit). Returns once the accepted samples are committed; what was refused, and why, is in the
     * result. Each series' samples must be oldest first; a series may appear more than once.
     *
     * <p>When the write-ahead row cannot be committed the exception goes to the caller, unacknowledged;
     * the samples stay in this node's memory and are flushed with the rest, so a retry of the same
     * samples is ignored as repeats rather than refused.
     */
    public AppendResult append(String source, List<SeriesData> batch) {
        var result = new AppendResult.Builder();
        var ids = catalog.resolve(source, batch.stream().map(SeriesData::labels).toList());
        var seriesHeads = headsOf(ids);
        var total = batch.stream().mapToInt(SeriesData::count).sum();
        var wal = new WalRecord.Writer(total);
        flushLock.readLock().lock();
        try {
            for (var i = 0; i < batch.size(); i++) {
                var data = batch.get(i);
                var head = seriesHeads[i];
                if (head == null) {
                    result.reject(Rejection.SERIES_LIMIT, data.count(), "series " + data.labels()
                            + " refused: source " + source + " has " + properties.maxSeriesPerSource()
                            + " series, as many as opsline.metrics.max-series-per-source allows");
                    continue;
                }
                wal.series(ids[i]);
                offer(head, data, result, wal);
            }
        } finally {
            flushLock.readLock().unlock();
        }
        if (wal.samples() > 0) {
            committedWal.add(chunks.insertWal(writer, wal.toBytes(), wal.samples()));
            walRows.increment();
        }
        var outcome = result.build();
        appended.add(outcome.accepted());
        ignored.add(outcome.ignored());
        outcome.rejected().forEach((reason, count) -> rejected.get(reason).add(count));
        return outcome;
    }

    private static void offer(SeriesHead head, SeriesData data, AppendResult.Builder result, WalRecord.Writer wal) {
        for (var j = 0; j < data.count(); j++) {
            var time = data.timestamps()[j];
            var value = data.values()[j];
            switch (head.offer(time, value)) {
                case ACCEPTED -> {
                    wal.sample(time, value);
                    result.accepted();
                }
                case IGNORED -> result.ignored();
                case OUT_OF_ORDER -> result.reject(Rejection.OUT_OF_ORDER, 1, "sample of " + data.labels() + " at "
                        + time + " refused: older than the series' newest sample, at " + head.newestTime());
                case DUPLICATE_TIMESTAMP -> result.reject(Rejection.DUPLICATE_TIMESTAMP, 1, "sample of "
                        + data.labels() + " at " + time + " refused: the series has another value at that time");
            }
        }
    }

    /** Each series' head, made on this node's first sight of it from its newest stored sample; null for -1. */
    private SeriesHead[] headsOf(long[] ids) {
        var found = new SeriesHead[ids.length];
        var unknown = new TreeSet<Long>();
        for (var i = 0; i < ids.length; i++) {
            if (ids[i] >= 0) {
                found[i] = heads.get(ids[i]);
                if (found[i] == null) {
                    unknown.add(ids[i]);
                }
            }
        }
        if (unknown.isEmpty()) {
            return found;
        }
        var newest = chunks.newestChunks(unknown.stream().mapToLong(Long::longValue).toArray());
        for (var id : unknown) {
            var time = new long[] {SeriesHead.NONE};
            var bits = new long[1];
            var payload = newest.get(id);
            if (payload != null) {
                ChunkCodec.decode(payload, (t, v) -> {
                    if (t >= time[0]) {
                        time[0] = t;
                        bits[0] = Double.doubleToRawLongBits(v);
                    }
                });
            }
            heads.putIfAbsent(id, new SeriesHead(blockMs, time[0], bits[0]));
        }
        for (var i = 0; i < ids.length; i++) {
            if (ids[i] >= 0 && found[i] == null) {
                found[i] = heads.get(ids[i]);
            }
        }
        return found;
    }

    @Override
    public List<SeriesData> select(List<Matcher> matchers, long fromMs, long toMs) {
        catalog.refresh();
        var ids = catalog.index().select(matchers);
        if (ids.length == 0 || fromMs > toMs) {
            return List.of();
        }
        return seriesData(ids, rawSamples(ids, fromMs, toMs));
    }

    /**
     * Rollups of a resolution this store keeps stand for the samples of compacted blocks; raw
     * samples after them (blocks not compacted yet, and memory).
     */
    @Override
    public List<SeriesData> select(List<Matcher> matchers, long fromMs, long toMs, long resolutionMs,
            Aggregate aggregate) {
        var kept = rollups.stream().anyMatch(rollup -> rollup.resolutionMs() == resolutionMs);
        var horizon = kept ? chunks.rollupHorizon() : Long.MIN_VALUE;
        if (horizon <= fromMs) {
            return SeriesSource.super.select(matchers, fromMs, toMs, resolutionMs, aggregate);
        }
        catalog.refresh();
        var ids = catalog.index().select(matchers);
        if (ids.length == 0 || fromMs > toMs) {
            return List.of();
        }
        var rolledUpTo = Math.min(toMs, horizon - 1);
        var samples = new HashMap<Long, SampleBuffer>();
        chunks.readRollups(ids, resolutionMs, Math.floorDiv(fromMs, blockMs) * blockMs,
                Math.floorDiv(rolledUpTo, blockMs) * blockMs, (seriesId, payload) -> RollupCodec.decode(payload,
                        aggregate, fromMs, rolledUpTo, samples.computeIfAbsent(seriesId, id -> new SampleBuffer(256))));
        samples.values().forEach(buffer -> RollupCodec.merge(buffer, aggregate, resolutionMs));
        if (toMs >= horizon) {
            rawSamples(ids, horizon, toMs).forEach((seriesId, raw) -> {
                var buffer = samples.computeIfAbsent(seriesId, id -> new SampleBuffer(raw.count()));
                for (var i = 0; i < raw.count(); i++) {
                    var value = raw.value(i);
                    buffer.add(raw.time(i), aggregate == Aggregate.COUNT ? SeriesSource.countOf(value) : value);
                }
            });
        }
        return seriesData(ids, samples);
    }

    /** Each series' samples from memory and chunks, sorted and one per time; series without any left out. */
    private Map<Long, SampleBuffer> rawSamples(long[] ids, long fromMs, long toMs) {
        // Memory before chunks: a flush committing in between then gives samples twice, not never.
        var held = new HashMap<Long, SampleBuffer>();
        for (var id : ids) {
            var head = heads.get(id);
            if (head != null) {
                var buffer = new SampleBuffer(16);
                head.collect(fromMs, toMs, buffer);
                if (buffer.count() > 0) {
                    held.put(id, buffer);
                }
            }
        }
        var stored = new HashMap<Long, SampleBuffer>();
        chunks.readChunks(ids, fromMs, toMs, (seriesId, payload) -> ChunkCodec.decode(payload, fromMs, toMs,
                stored.computeIfAbsent(seriesId, id -> new SampleBuffer(256))));
        held.forEach((id, memory) -> stored.merge(id, memory, (buffer, more) -> {
            buffer.addAll(more);
            return buffer;
        }));
        stored.values().forEach(SampleBuffer::sortAndDeduplicate);
        return stored;
    }

    private List<SeriesData> seriesData(long[] ids, Map<Long, SampleBuffer> samples) {
        var result = new ArrayList<SeriesData>();
        for (var id : ids) {
            var buffer = samples.get(id);
            if (buffer != null && buffer.count() > 0) {
                result.add(buffer.toSeriesData(catalog.index().labels(id)));
            }
        }
        result.sort(Comparator.comparing(SeriesData::labels));
        return result;
    }

    /** The labels of the series the matchers select that have samples from {@code fromMs} to {@code toMs}, sorted. */
    public List<Labels> series(List<Matcher> matchers, long fromMs, long toMs) {
        catalog.refresh();
        var ids = catalog.index().select(matchers);
        if (fromMs == Long.MIN_VALUE && toMs == Long.MAX_VALUE) {
            // Any time at all: every series known had samples once, so the index alone answers.
            return Arrays.stream(ids).mapToObj(catalog.index()::labels).sorted().toList();
        }
        var active = new TreeSet<Long>();
        for (var id : chunks.seriesWithChunks(ids, fromMs, toMs)) {
            active.add(id);
        }
        for (var id : ids) {
            var head = heads.get(id);
            if (head != null && head.holdsSamples(fromMs, toMs)) {
                active.add(id);
            }
        }
        return active.stream().map(catalog.index()::labels).sorted().toList();
    }

    /** The label names of those {@link #series}, sorted. */
    public List<String> labelNames(List<Matcher> matchers, long fromMs, long toMs) {
        var names = new TreeSet<String>();
        series(matchers, fromMs, toMs).forEach(labels -> names.addAll(labels.names()));
        return List.copyOf(names);
    }

    /** The values a label has among those {@link #series}, sorted. */
    public List<String> labelValues(String name, List<Matcher> matchers, long fromMs, long toMs) {
        var values = new TreeSet<String>();
        for (var labels : series(matchers, fromMs, toMs)) {
            var value = labels.get(name);
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    /** Writes every sample held in memory as chunks and deletes the write-ahead rows they came in. */
    public void flush() {
        flushing.lock();
        try {
            flushHeads();
        } finally {
            flushing.unlock();
        }
    }

    private void flushHeads() {
        var walIds = new ArrayList<Long>();
        for (Long id; (id = committedWal.poll()) != null;) {
            walIds.add(id);
        }
        var frozen = new LinkedHashMap<Long, List<SeriesHead.Frozen>>();
        flushLock.writeLock().lock();
        try {
            heads.forEach((id, head) -> {
                var held = head.freeze(id);
                if (!held.isEmpty()) {
                    frozen.put(id, held);
                }
            });
        } finally {
            flushLock.writeLock().unlock();
        }
        var rows = new ArrayList<ChunkRow>();
        frozen.forEach((id, held) -> held.forEach(chunk -> rows.add(chunk.row())));
        try {
            chunks.flush(rows, walIds.stream().mapToLong(Long::longValue).toArray(), writer, Instant.now());
        } catch (DataAccessException e) {
            // Nothing is lost: the heads keep their chunks and the rows stay for the next flush.
            committedWal.addAll(walIds);
            throw e;
        }
        frozen.forEach((id, held) -> heads.get(id).flushed(held));
        chunksFlushed.add(rows.size());
    }

    /** Periodic work that any node may do and one does: recovery of dead writers, compaction, retention. */
    public void maintain() {
        var now = Instant.now();
        recoverAbandoned(now);
        compact(now);
        expire(now);
    }

    /**
     * Turns the write-ahead rows of writers not seen for a lease before {@code now} into chunks,
     * and says how many samples they held.
     */
    int recoverAbandoned(Instant now) {
        var aliveSince = now.minus(properties.lease());
        var samples = 0;
        List<Long> ids;
        do {
            ids = chunks.abandonedWal(aliveSince, writer, RECOVERY_BATCH);
            for (var id : ids) {
                var recovered = chunks.recoverWal(id, this::chunksOfWal);
                if (recovered >= 0) {
                    samples += recovered;
                    walRecovered.increment();
                }
            }
        } while (ids.size() == RECOVERY_BATCH);
        chunks.forgetDeadWriters(aliveSince);
        if (samples > 0) {
            log.info("Recovered {} samples from the write-ahead rows of stopped writers", samples);
        }
        return samples;
    }

    private List<NewChunk> chunksOfWal(byte[] payload) {
        var bySeries = new LinkedHashMap<Long, SampleBuffer>();
        WalRecord.read(payload, (seriesId, time, value) -> bySeries
                .computeIfAbsent(seriesId, id -> new SampleBuffer(16)).add(time, value));
        var rows = new ArrayList<NewChunk>();
        bySeries.forEach((seriesId, buffer) -> {
            buffer.sortAndDeduplicate();
            cutIntoBlocks(seriesId, buffer, rows);
        });
        return rows;
    }

    /** Adds a chunk per block that a series' sorted samples fall into. */
    private void cutIntoBlocks(long seriesId, SampleBuffer buffer, List<NewChunk> rows) {
        var start = 0;
        for (var i = 1; i <= buffer.count(); i++) {
            if (i == buffer.count()
                    || Math.floorDiv(buffer.time(i), blockMs) != Math.floorDiv(buffer.time(start), blockMs)) {
                rows.add(new NewChunk(seriesId, buffer.time(start), buffer.time(i - 1), i - start,
                        buffer.encode(start, i)));
                start = i;
            }
        }
    }

    /**
     * Merges the chunks of every closed block written to since it was last compacted, each block
     * claimed by one node, and says how many blocks this node compacted. A block is closed half a
     * block (at least two flushes) after its end, when samples for it have mostly stopped coming;
     * a chunk arriving later marks it for compaction again.
     */
    int compact(Instant now) {
        var compacted = 0;
        for (var start : chunks.blocksToCompact(closedBefore(now), now)) {
            if (compactBlock(start)) {
                compacted++;
            }
        }
        return compacted;
    }

    /** Blocks starting before this are closed: half a block (at least two flushes) has passed since their end. */
    private long closedBefore(Instant now) {
        var delay = Math.max(blockMs / 2, properties.flushInterval().toMillis() * 2);
        return now.toEpochMilli() - delay - blockMs + 1;
    }

    /** Closed blocks not compacted yet (so without their rollups), being compacted or waiting for it. */
    public int blocksToCompact() {
        return chunks.blocksWaiting(closedBefore(Instant.now()));
    }

    private boolean compactBlock(long start) {
        var end = start + blockMs;
        if (!chunks.claimBlock(start, writer, Instant.now(), Instant.now().plus(properties.lease()))) {
            return false;
        }
        // Every series with a chunk there the first time round, for its rollups; then again, until
        // none is left, the series a flush brought a late chunk for while the block was being merged.
        for (var series = chunks.seriesInBlock(start, end, rollups.isEmpty() ? 2 : 1); series.length > 0;
                series = chunks.seriesInBlock(start, end, 2)) {
            for (var from = 0; from < series.length; from += COMPACTION_BATCH) {
                mergeChunks(Arrays.copyOfRange(series, from, Math.min(series.length, from + COMPACTION_BATCH)), start,
                        end);
                if (!chunks.claimBlock(start, writer, Instant.now(), Instant.now().plus(properties.lease()))) {
                    log.warn("Lost the claim on metrics block {} while compacting it; another node carries on", start);
                    return false;
                }
            }
        }
        chunks.blockCompacted(start, writer, Instant.now());
        return true;
    }

    /** Merges each series' chunks in a block into one, and writes its rollups of the block. */
    private void mergeChunks(long[] series, long start, long end) {
        var stored = chunks.chunksInBlock(series, start, end);
        var merged = new LinkedHashMap<Long, SampleBuffer>();
        var chunkCounts = new HashMap<Long, Integer>();
        for (var chunk : stored) {
            ChunkCodec.decode(chunk.payload(), Long.MIN_VALUE, Long.MAX_VALUE,
                    merged.computeIfAbsent(chunk.seriesId(), id -> new SampleBuffer(512)));
            chunkCounts.merge(chunk.seriesId(), 1, Integer::sum);
        }
        var rows = new ArrayList<NewChunk>(merged.size());
        var rolledUp = new ArrayList<NewRollup>(merged.size() * rollups.size());
        merged.forEach((seriesId, buffer) -> {
            buffer.sortAndDeduplicate();
            if (chunkCounts.get(seriesId) > 1) {
                rows.add(new NewChunk(seriesId, buffer.time(0), buffer.time(buffer.count() - 1), buffer.count(),
                        buffer.encode()));
            }
            for (var rollup : rollups) {
                rolledUp.add(new NewRollup(seriesId, rollup.resolutionMs(), start,
                        RollupCodec.encode(buffer, rollup.resolutionMs())));
            }
        });
        var replaced = stored.stream().filter(chunk -> chunkCounts.get(chunk.seriesId()) > 1).toList();
        chunks.replaceChunks(replaced, rows, rolledUp);
        chunksCompacted.add(replaced.size() - rows.size());
        rollupsWritten.add(rolledUp.size());
    }

    /**
     * Deletes chunks of blocks that ended before the raw retention, and rollups of blocks that ended
     * before their resolution's; says how many chunks. A block is kept while any of it is within
     * retention, and its chunks are found by the time they start, along the block index.
     */
    int expire(Instant now) {
        var rawCutoff = Math.floorDiv(now.minus(properties.retention().raw()).toEpochMilli(), blockMs) * blockMs;
        var deleted = 0;
        int batch;
        do {
            batch = chunks.deleteBlocksBefore(rawCutoff, RETENTION_BATCH);
            deleted += batch;
        } while (batch == RETENTION_BATCH);
        chunksExpired.add(deleted);
        for (var rollup : rollups) {
            // A block is kept while any of it is within retention: it ends after the cutoff.
            var cutoffBlock = now.minus(rollup.retention()).toEpochMilli() - blockMs;
            do {
                batch = chunks.deleteRollupsBefore(rollup.resolutionMs(), cutoffBlock, RETENTION_BATCH);
            } while (batch == RETENTION_BATCH);
        }
        return deleted;
    }

    public StoreStats stats() {
        var reasons = new EnumMap<Rejection, Long>(Rejection.class);
        rejected.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return new StoreStats(appended.sum(), ignored.sum(), reasons, catalog.created(), catalog.index().size(),
                walRows.sum(), chunksFlushed.sum(), chunksCompacted.sum(), walRecovered.sum(), chunksExpired.sum(),
                rollupsWritten.sum());
    }

    /** What is stored as chunks, read from the database (a scan of the chunk table: for status pages, not hot paths). */
    public StoredTotals storedTotals() {
        return chunks.totals();
    }

    /** Samples this node holds in memory, not yet written as chunks. */
    public long heldSamples() {
        var held = 0L;
        for (var head : heads.values()) {
            held += head.samples();
        }
        return held;
    }

    /** Which writer this store is in the write-ahead rows. */
    String writer() {
        return writer;
    }

    /**
     * Started before the web server and stopped after it has finished its requests, so that the
     * last appends are flushed.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void start() {
        catalog.refresh();
        // Before the first append: without a recent heartbeat, other nodes would take this writer's rows for abandoned.
        chunks.heartbeat(writer, Instant.now());
        recoverAbandoned(Instant.now());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            flush();
            chunks.retire(writer);
        } catch (DataAccessException e) {
            log.warn("Could not flush metrics on stopping; another node recovers them from the write-ahead rows", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
