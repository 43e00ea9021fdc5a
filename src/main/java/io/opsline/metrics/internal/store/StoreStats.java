package io.opsline.metrics.internal.store;

import java.util.Map;

/**
 * Counters of this node's store since it started, for showing how ingestion goes.
 *
 * @param samplesAppended samples stored
 * @param samplesIgnored samples that repeated their series' newest sample
 * @param samplesRejected samples refused, by reason
 * @param seriesCreated series this node created
 * @param seriesKnown series this node knows, created by any node
 * @param walRows write-ahead rows written
 * @param chunksFlushed chunks written by flushes
 * @param chunksCompacted chunks merged away by compaction
 * @param walRowsRecovered write-ahead rows of dead writers turned into chunks
 * @param chunksExpired chunks deleted past retention
 * @param rollupsWritten rollup rows written by compaction, one per series, block and resolution
 */
public record StoreStats(long samplesAppended, long samplesIgnored, Map<AppendResult.Rejection, Long> samplesRejected,
        long seriesCreated, int seriesKnown, long walRows, long chunksFlushed, long chunksCompacted,
        long walRowsRecovered, long chunksExpired, long rollupsWritten) {
}
