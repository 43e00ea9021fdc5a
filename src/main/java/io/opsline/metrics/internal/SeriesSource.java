package io.opsline.metrics.internal;

import java.util.List;

import io.opsline.metrics.Matcher;
import io.opsline.metrics.SeriesData;

/** Where queries read samples from: the store, or a fixed set of series in tests. */
public interface SeriesSource {

    /** The NaN Prometheus writes to mark a series as gone (a staleness marker); it is never a value. */
    long STALE_NAN_BITS = 0x7ff0000000000002L;

    /**
     * Which figure of a rollup bucket stands for its samples. A bucket of resolution r holds the
     * samples in {@code ((k - 1) r, k r]}, and reads as one sample at the time of its last sample.
     */
    enum Aggregate {
        /** The last sample's value (a staleness marker when the series ended there). */
        LAST,
        MIN,
        MAX,
        SUM,
        /** How many samples, staleness markers not counted; a raw sample reads as 1. */
        COUNT
    }

    /**
     * The series every matcher selects, each with its samples from {@code fromMs} to {@code toMs}
     * (milliseconds since the epoch, both included), sorted by labels; series without a sample in
     * the range are left out.
     */
    List<SeriesData> select(List<Matcher> matchers, long fromMs, long toMs);

    /**
     * As {@link #select(List, long, long)}, but where rollups of {@code resolutionMs} hold the
     * samples, one sample per bucket whose value is the bucket's {@code aggregate}; raw samples
     * elsewhere. A resolution of 0 asks for raw samples only. A source without rollups answers
     * with raw samples, counted as 1 each for {@link Aggregate#COUNT}.
     */
    default List<SeriesData> select(List<Matcher> matchers, long fromMs, long toMs, long resolutionMs,
            Aggregate aggregate) {
        var raw = select(matchers, fromMs, toMs);
        return aggregate == Aggregate.COUNT ? raw.stream().map(SeriesSource::countedAsOne).toList() : raw;
    }

    /** Each sample as a count of one (see {@link #countOf}). */
    static SeriesData countedAsOne(SeriesData data) {
        var values = new double[data.count()];
        for (var i = 0; i < data.count(); i++) {
            values[i] = countOf(data.values()[i]);
        }
        return new SeriesData(data.labels(), data.timestamps(), values, data.count());
    }

    /** A raw sample read for {@link Aggregate#COUNT}: 1, or a staleness marker kept as it is (it counts for nothing). */
    static double countOf(double value) {
        return Double.doubleToRawLongBits(value) == STALE_NAN_BITS ? value : 1.0;
    }
}
