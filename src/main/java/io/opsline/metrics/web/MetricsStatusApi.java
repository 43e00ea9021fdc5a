package io.opsline.metrics.web;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.metrics.internal.RemoteWriteReceiver;
import io.opsline.metrics.internal.store.MetricStore;

/** How the metrics store is doing: what came in, what was refused and why, what is stored and how compactly. */
@RestController
class MetricsStatusApi {

    private final MetricStore store;
    private final RemoteWriteReceiver remoteWrite;

    MetricsStatusApi(MetricStore store, RemoteWriteReceiver remoteWrite) {
        this.store = store;
        this.remoteWrite = remoteWrite;
    }

    /**
     * Counters are this node's since it started; {@code storedSamples} and {@code storedBytes} (payload
     * bytes of the chunks), {@code rollups}, {@code rollupBytes} and {@code blocksToCompact} (closed blocks
     * not compacted yet, so without rollups) are the database's; {@code headSamples} are held in this
     * node's memory, not yet written as chunks.
     */
    record Status(long samplesAppended, long samplesIgnored, long samplesRejected, Map<String, Long> rejectedByReason,
            int series, long seriesCreated, long storedSamples, long storedBytes, long chunks, long headSamples,
            long rollups, long rollupBytes, int blocksToCompact, long walRows, long chunksFlushed, long chunksCompacted,
            long walRowsRecovered, long chunksExpired, long rollupsWritten, long remoteWriteRequests,
            long remoteWriteBodiesRefused) {
    }

    @RequiresRole(Role.VIEWER)
    @GetMapping(PrometheusApi.API + "/metrics/status")
    Status status() {
        var stats = store.stats();
        var stored = store.storedTotals();
        var reasons = new TreeMap<String, Long>();
        stats.samplesRejected().forEach((reason, count) -> reasons.put(reason.name().toLowerCase(), count));
        return new Status(stats.samplesAppended(), stats.samplesIgnored(),
                reasons.values().stream().mapToLong(Long::longValue).sum(), reasons, stats.seriesKnown(),
                stats.seriesCreated(), stored.samples(), stored.payloadBytes(), stored.chunks(), store.heldSamples(),
                stored.rollups(), stored.rollupBytes(), store.blocksToCompact(), stats.walRows(), stats.chunksFlushed(), stats.chunksCompacted(),
                stats.walRowsRecovered(), stats.chunksExpired(), stats.rollupsWritten(), remoteWrite.requests(),
                remoteWrite.refusedBodies());
    }
}
