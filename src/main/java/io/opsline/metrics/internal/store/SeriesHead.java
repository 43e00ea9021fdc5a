package io.opsline.metrics.internal.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What this node holds in memory of one series: the samples not yet flushed, as a chunk growing
 * for the current block and chunks of earlier blocks (or frozen for a flush under way), and the
 * newest sample's time and value, against which the next is judged. Guarded by its own monitor,
 * never held across a database call.
 */
final class SeriesHead {

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

    private final long blockMs;
    private ChunkAppender open;
    private long openBlock;
    private final List<ChunkAppender> closed = new ArrayList<>();
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
        if (open != null && block != openBlock) {
            closed.add(open);
            open = null;
        }
        if (open == null) {
            open = new ChunkAppender();
            openBlock = block;
        }
        open.append(timeMs, value);
        newestTime = timeMs;
        newestBits = bits;
        return Outcome.ACCEPTED;
    }

    synchronized long newestTime() {
        return newestTime;
    }

    /** Ends the growing chunk and answers every chunk held, for a flush to write. */
    synchronized List<ChunkAppender> freeze() {
        if (open != null) {
            closed.add(open);
            open = null;
        }
        return List.copyOf(closed);
    }

    /** Lets go of chunks a flush committed. */
    synchronized void flushed(List<ChunkAppender> written) {
        closed.removeIf(chunk -> written.stream().anyMatch(w -> w == chunk));
    }

    /** Adds the samples held from {@code fromMs} to {@code toMs} (both included). */
    synchronized void collect(long fromMs, long toMs, SampleBuffer out) {
        for (var chunk : closed) {
            collect(chunk, fromMs, toMs, out);
        }
        if (open != null) {
            collect(open, fromMs, toMs, out);
        }
    }

    /** How many samples are held, not yet written as chunks. */
    synchronized int samples() {
        var held = open == null ? 0 : open.count();
        for (var chunk : closed) {
            held += chunk.count();
        }
        return held;
    }

    /** Whether a sample from {@code fromMs} to {@code toMs} is held. */
    synchronized boolean holdsSamples(long fromMs, long toMs) {
        for (var chunk : closed) {
            if (chunk.lastTime() >= fromMs && chunk.firstTime() <= toMs) {
                return true;
            }
        }
        return open != null && open.lastTime() >= fromMs && open.firstTime() <= toMs;
    }

    private static void collect(ChunkAppender chunk, long fromMs, long toMs, SampleBuffer out) {
        if (chunk.lastTime() >= fromMs && chunk.firstTime() <= toMs) {
            ChunkCodec.decode(chunk.toBytes(), fromMs, toMs, out);
        }
    }
}
