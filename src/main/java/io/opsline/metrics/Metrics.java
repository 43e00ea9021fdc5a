package io.opsline.metrics;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import io.opsline.metrics.internal.store.MetricStore;

/** What other modules use of metrics: storing samples of their series and reading series back. */
@Service
public class Metrics {

    private final MetricStore store;

    Metrics(MetricStore store) {
        this.store = store;
    }

    /**
     * Stores samples (each series' oldest first), creating series the source has not sent before
     * within its series limit; returns once the accepted ones are committed. Samples older than their
     * series' newest, or of new series past the limit, are refused and counted, not thrown.
     */
    public Recorded record(String source, List<SeriesData> series) {
        var result = store.append(source, series);
        return new Recorded(result.accepted(), result.rejectedTotal(), result.messages());
    }

    /** The series every matcher selects, with their samples from {@code from} to {@code to} (both included), by labels. */
    public List<SeriesData> select(List<Matcher> matchers, Instant from, Instant to) {
        return store.select(matchers, from.toEpochMilli(), to.toEpochMilli());
    }

    /**
     * The labels of the series every matcher selects that have samples from {@code from} to
     * {@code to}, sorted; cheaper than {@link #select}, as no samples are decoded.
     */
    public List<Labels> series(List<Matcher> matchers, Instant from, Instant to) {
        return store.series(matchers, from.toEpochMilli(), to.toEpochMilli());
    }
}
