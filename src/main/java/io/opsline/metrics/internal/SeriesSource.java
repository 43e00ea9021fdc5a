package io.opsline.metrics.internal;

import java.util.List;

import io.opsline.metrics.Matcher;
import io.opsline.metrics.SeriesData;

/** Where queries read samples from: the store, or a fixed set of series in tests. */
public interface SeriesSource {

    /**
     * The series every matcher selects, each with its samples from {@code fromMs} to {@code toMs}
     * (milliseconds since the epoch, both included), sorted by labels; series without a sample in
     * the range are left out.
     */
    List<SeriesData> select(List<Matcher> matchers, long fromMs, long toMs);
}
