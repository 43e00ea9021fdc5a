package io.opsline.metrics.internal.store;

import java.nio.ByteBuffer;

import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.SeriesSource.Aggregate;

/**
 * One series' samples of one block summed up per bucket of a resolution, as a rollup row holds
 * them. Bucket k of resolution r holds the samples in {@code ((k - 1) r, k r]}: closed at its end,
 * as a Prometheus window is, so that a step on a bucket's end reads the sample written there.
 *
 * <p>A bucket is kept as five runs of (time, value) in {@link ChunkCodec} form, each at the time of
 * the bucket's last sample: the last value, and the minimum, maximum, sum and count of the values
 * that are not staleness markers (a bucket of only markers is in the first run alone). The payload
 * is a version byte ({@value #FORMAT}), the five runs' lengths as 4-byte integers, then the runs.
 * A bucket cut by a block's end is in two rows; {@link #merge} joins its halves on reading.
 */
final class RollupCodec {

    static final int FORMAT = 1;
    private static final int RUNS = Aggregate.values().length;

    private RollupCodec() {
    }

    /** The rollup of a block's samples, sorted and one per time, at {@code resolutionMs}. */
    static byte[] encode(SampleBuffer samples, long resolutionMs) {
        var runs = new ChunkAppender[RUNS];
        for (var i = 0; i < RUNS; i++) {
            runs[i] = new ChunkAppender(16);
        }
        var from = 0;
        while (from < samples.count()) {
            var bucket = bucketOf(samples.time(from), resolutionMs);
            var to = from;
            var min = Double.NaN;
            var max = Double.NaN;
            var sum = 0.0;
            var count = 0;
            while (to < samples.count() && bucketOf(samples.time(to), resolutionMs) == bucket) {
                var value = samples.value(to);
                if (!isStale(value)) {
                    min = Double.isNaN(min) || value < min ? value : min;
                    max = Double.isNaN(max) || value > max ? value : max;
                    sum += value;
                    count++;
                }
                to++;
            }
            var last = samples.time(to - 1);
            runs[Aggregate.LAST.ordinal()].append(last, samples.value(to - 1));
            if (count > 0) {
                runs[Aggregate.MIN.ordinal()].append(last, min);
                runs[Aggregate.MAX.ordinal()].append(last, max);
                runs[Aggregate.SUM.ordinal()].append(last, sum);
                runs[Aggregate.COUNT.ordinal()].append(last, count);
            }
            from = to;
        }
        var bytes = new byte[RUNS][];
        var length = 1 + 4 * RUNS;
        for (var i = 0; i < RUNS; i++) {
            bytes[i] = runs[i].toBytes();
            length += bytes[i].length;
        }
        var out = ByteBuffer.allocate(length).put((byte) FORMAT);
        for (var run : bytes) {
            out.putInt(run.length);
        }
        for (var run : bytes) {
            out.put(run);
        }
        return out.array();
    }

    /** Adds the buckets of a rollup whose last sample lies from {@code fromMs} to {@code toMs} to a buffer. */
    static void decode(byte[] payload, Aggregate aggregate, long fromMs, long toMs, SampleBuffer out) {
        var in = ByteBuffer.wrap(payload);
        var format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("rollup format " + format + " is not known; this node reads " + FORMAT);
        }
        var offset = 1 + 4 * RUNS;
        for (var i = 0; i < aggregate.ordinal(); i++) {
            offset += in.getInt(1 + 4 * i);
        }
        var length = in.getInt(1 + 4 * aggregate.ordinal());
        var run = new byte[length];
        System.arraycopy(payload, offset, run, 0, length);
        ChunkCodec.decode(run, fromMs, toMs, out);
    }

    /**
     * Joins, in a buffer of rollup buckets sorted by time, the halves of buckets that a block's end
     * cut in two: they follow each other and fall in one bucket.
     */
    static void merge(SampleBuffer sorted, Aggregate aggregate, long resolutionMs) {
        var kept = new SampleBuffer(sorted.count());
        for (var i = 0; i < sorted.count(); i++) {
            var time = sorted.time(i);
            var value = sorted.value(i);
            var last = kept.count() - 1;
            if (last >= 0 && bucketOf(kept.time(last), resolutionMs) == bucketOf(time, resolutionMs)) {
                kept.replaceLast(time, switch (aggregate) {
                    case LAST -> value;
                    case MIN -> Math.min(kept.value(last), value);
                    case MAX -> Math.max(kept.value(last), value);
                    case SUM, COUNT -> kept.value(last) + value;
                });
            } else {
                kept.add(time, value);
            }
        }
        sorted.clear();
        sorted.addAll(kept);
    }

    static long bucketOf(long timeMs, long resolutionMs) {
        return Math.ceilDiv(timeMs, resolutionMs);
    }

    private static boolean isStale(double value) {
        return Double.doubleToRawLongBits(value) == SeriesSource.STALE_NAN_BITS;
    }
}
