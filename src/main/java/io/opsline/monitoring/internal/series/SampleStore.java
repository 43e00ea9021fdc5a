package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Where checks' samples are kept and read back as series. Today a table of the monitoring module
 * ({@link SampleRepository}); the metrics module is to take this over, so callers know no more
 * than this.
 */
public interface SampleStore {

    /** Keeps these samples; meant for many at once (a batch of results). */
    void appendAll(Collection<Sample> samples);

    /**
     * A check's series from {@code from} (inclusive) to {@code to} (exclusive), each with at most
     * {@code maxPoints} points: the range is cut into that many buckets of equal, whole-second
     * width from {@code from}, and each bucket that holds samples gives one point with their
     * minimum, average and maximum. Labels without samples in the range are left out; the others
     * come in the order of {@link #labels(UUID)}.
     *
     * @param label only this label's series, or every label's when null
     */
    List<Series> query(UUID checkId, String label, Instant from, Instant to, int maxPoints);

    /** Every label's series; see {@link #query(UUID, String, Instant, Instant, int)}. */
    default List<Series> query(UUID checkId, Instant from, Instant to, int maxPoints) {
        return query(checkId, null, from, to, maxPoints);
    }

    /** The labels a check has samples of, in alphabetical order (ignoring case). */
    List<String> labels(UUID checkId);
}
