package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Condenses one label's samples into the points {@link CheckMetrics#query} promises: the range cut
 * into at most {@code maxPoints} buckets of equal, whole-second width from {@code from}, one point
 * for each bucket that holds samples.
 */
final class Buckets {

    private static final long MICROS_PER_MILLI = 1_000;

    private final long fromMicros;
    private final long toMicros;
    private final long startMillis;
    private final long widthMillis;
    /** Only the buckets that hold samples, however many the range has; series come in any order. */
    private final TreeMap<Long, Bucket> filled = new TreeMap<>();

    /** {@code maxPoints} must be at least 1. */
    Buckets(Instant from, Instant to, int maxPoints) {
        fromMicros = micros(from);
        toMicros = micros(to);
        startMillis = from.toEpochMilli();
        // The end rounded up to a whole millisecond, so that the last sample's bucket is the last bucket.
        var range = Math.max(1, to.plusNanos(999_999).toEpochMilli() - startMillis);
        widthMillis = Math.ceilDiv(range, maxPoints * 1000L) * 1000L;
    }

    /** Counts a sample in if it lies in the range, from (inclusive) to (exclusive), to the microsecond. */
    void add(long micros, double value) {
        if (micros < fromMicros || micros >= toMicros) {
            return;
        }
        // A bucket holds the samples of its whole milliseconds, as the bucket's start is one.
        var bucket = (Math.floorDiv(micros, MICROS_PER_MILLI) - startMillis) / widthMillis;
        filled.computeIfAbsent(bucket, b -> new Bucket()).add(value);
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    /** A point for each bucket holding samples, the earliest first. */
    List<Series.Point> points() {
        var points = new ArrayList<Series.Point>(filled.size());
        filled.forEach((bucket, samples) -> points.add(new Series.Point(
                Instant.ofEpochMilli(startMillis + bucket * widthMillis), samples.min, samples.sum / samples.count,
                samples.max, samples.count)));
        return points;
    }

    private static final class Bucket {

        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;
        private long count;

        void add(double value) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            count++;
        }
    }
}
