package io.opsline.metrics.internal.store;

import java.util.Arrays;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;

/** A growing run of one series' samples, gathered from chunks and memory, put in order at the end. */
final class SampleBuffer {

    private long[] times;
    private double[] values;
    private int count;

    SampleBuffer(int expected) {
        times = new long[Math.max(8, expected)];
        values = new double[times.length];
    }

    void add(long time, double value) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        times[count] = time;
        values[count++] = value;
    }

    /** Changes the newest sample, as joining it with one that falls in its bucket does. */
    void replaceLast(long time, double value) {
        times[count - 1] = time;
        values[count - 1] = value;
    }

    void clear() {
        count = 0;
    }

    void addAll(SampleBuffer other) {
        for (var i = 0; i < other.count; i++) {
            add(other.times[i], other.values[i]);
        }
    }

    int count() {
        return count;
    }

    long time(int index) {
        return times[index];
    }

    double value(int index) {
        return values[index];
    }

    /**
     * Sorts by time and keeps one sample per time, the one added last: the same sample may be read
     * from memory and from a chunk flushed meanwhile, or from a write-ahead row recovered twice.
     */
    void sortAndDeduplicate() {
        if (!inOrder()) {
            var order = new Integer[count];
            for (var i = 0; i < count; i++) {
                order[i] = i;
            }
            // Stable, so that of equal times the one added last stays last.
            Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
            var sortedTimes = new long[count];
            var sortedValues = new double[count];
            for (var i = 0; i < count; i++) {
                sortedTimes[i] = times[order[i]];
                sortedValues[i] = values[order[i]];
            }
            times = sortedTimes;
            values = sortedValues;
        }
        var kept = 0;
        for (var i = 0; i < count; i++) {
            if (kept > 0 && times[kept - 1] == times[i]) {
                values[kept - 1] = values[i];
            } else {
                times[kept] = times[i];
                values[kept++] = values[i];
            }
        }
        count = kept;
    }

    SeriesData toSeriesData(Labels labels) {
        return new SeriesData(labels, times, values, count);
    }

    byte[] encode() {
        return ChunkCodec.encode(times, values, 0, count);
    }

    byte[] encode(int from, int to) {
        return ChunkCodec.encode(times, values, from, to);
    }

    private boolean inOrder() {
        for (var i = 1; i < count; i++) {
            if (times[i] < times[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
