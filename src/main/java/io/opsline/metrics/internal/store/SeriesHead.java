package io.opsline.metrics.internal.store;

import java.util.ArrayList;
import java.util.List;

import io.opsline.metrics.internal.store.ChunkRepository.ChunkRow;
import io.opsline.metrics.internal.store.ChunkRepository.NewChunk;

/**
 * What this node holds in memory of one series: the chunk growing for the current block, chunks
 * ended since the last flush, and the newest sample's time and value, against which the next is
 * judged. A chunk ends at a block's edge or at {@value #CHUNK_SAMPLES} samples. A flush writes the
 * growing chunk as a row and, while it grows, rewrites that same row, so that a series has one row
 * per chunk rather than one per flush. Guarded by its own monitor, never held across a database call.
 */
final class SeriesHead {

    /** Samples per chunk, as Prometheus cuts its head chunks: rewriting a row stays cheap, and rows stay few. */
    static final int CHUNK_SAMPLES = 120;

    /** What became of an offered sample. */
    enum Outcome {
        ACCEPTED,
        /** The newest sample again, same time and value: ignored, as Prometheus does. */
        IGNORED,
        OUT_OF_ORDER,
        /** The newest sample's time with another value. */
        DUPLICATE_TIMESTAMP
    }

    /** No sample yet. */
    static final long NONE = Long.MIN_VALUE;

    /** A chunk held, and how many of its samples a flush wrote to its row. */
    static final class HeldChunk {

        final ChunkAppender samples = new ChunkAppender();
        int written;
        /** The time of the newest sample its row holds; {@link #NONE} until it is first written. */
        long rowMaxTs = NONE;
    }

    /** A held chunk and the row a flush writes of it: its state when the flush began. */
    record Frozen(HeldChunk chunk, ChunkRow row) {
    }

    private final long blockMs;
    private HeldChunk open;
    private long openBlock;
    private final List<HeldChunk> ended = new ArrayList<>();
    private long newestTime;
    private long newestBits;

    SeriesHead(long blockMs, long newestTime, long newestBits) {
        this.blockMs = blockMs;
        this.newestTime = newestTime;
        this.newestBits = newestBits;
    }

    synchronized Outcome offer(long timeMs, double value) {
        var bits = Double.doubleToRawLongBits(value);
        if (timeMs < newestTime) {
            return Outcome.OUT_OF_ORDER;
        }
        if (timeMs == newestTime) {
            return bits == newestBits ? Outcome.IGNORED : Outcome.DUPLICATE_TIMESTAMP;
        }
        var block = Math.floorDiv(timeMs, blockMs);
        if (open != null && (block != openBlock || open.samples.count() >= CHUNK_SAMPLES)) {
            end();
        }
        if (open == null) {
            open = new HeldChunk();
            openBlock = block;
        }
        open.samples.append(timeMs, value);
        newestTime = timeMs;
        newestBits = bits;
        return Outcome.ACCEPTED;
    }

    private void end() {
        if (open.written < open.samples.count()) {
            ended.add(open);
        }
        open = null;
    }

    synchronized long newestTime() {
        return newestTime;
    }

    /** The chunks of series {@code seriesId} with samples no row holds yet, as they are now, for a flush to write. */
    synchronized List<Frozen> freeze(long seriesId) {
        var frozen = new ArrayList<Frozen>(ended.size() + 1);
        for (var chunk : ended) {
            frozen.add(frozen(seriesId, chunk));
        }
        if (open != null && open.written < open.samples.count()) {
            frozen.add(frozen(seriesId, open));
        }
        return frozen;
    }

    private static Frozen frozen(long seriesId, HeldChunk chunk) {
        var samples = chunk.samples;
        return new Frozen(chunk, new ChunkRow(chunk.rowMaxTs, new NewChunk(seriesId, samples.firstTime(),
                samples.lastTime(), samples.count(), samples.toBytes())));
    }

    /** Notes the rows a flush committed, and lets go of ended chunks written whole. */
    synchronized void flushed(List<Frozen> frozen) {
        for (var written : frozen) {
            written.chunk().written = written.row().chunk().count();
            written.chunk().rowMaxTs = written.row().chunk().maxTs();
        }
        ended.removeIf(chunk -> chunk.written == chunk.samples.count());
    }

    /** Adds the samples held from {@code fromMs} to {@code toMs} (both included). */
    synchronized void collect(long fromMs, long toMs, SampleBuffer out) {
        for (var chunk : ended) {
            collect(chunk.samples, fromMs, toMs, out);
        }
        if (open != null) {
            collect(open.samples, fromMs, toMs, out);
        }
    }

    /** How many samples are held that no row holds yet. */
    synchronized int samples() {
        var held = open == null ? 0 : open.samples.count() - open.written;
        for (var chunk : ended) {
            held += chunk.samples.count() - chunk.written;
        }
        return held;
    }

    /** Whether a sample from {@code fromMs} to {@code toMs} is held. */
    synchronized boolean holdsSamples(long fromMs, long toMs) {
        for (var chunk : ended) {
            if (overlaps(chunk.samples, fromMs, toMs)) {
                return true;
            }
        }
        return open != null && overlaps(open.samples, fromMs, toMs);
    }

    private static boolean overlaps(ChunkAppender chunk, long fromMs, long toMs) {
        return chunk.lastTime() >= fromMs && chunk.firstTime() <= toMs;
    }

    private static void collect(ChunkAppender chunk, long fromMs, long toMs, SampleBuffer out) {
        if (overlaps(chunk, fromMs, toMs)) {
            ChunkCodec.decode(chunk.toBytes(), fromMs, toMs, out);
        }
    }
}
