package io.opsline.metrics.internal.promql;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How queries are evaluated and what they may cost; the web layer builds it from the metrics
 * module's configuration properties.
 *
 * @param lookbackDelta how far back an instant selector looks for a sample (Prometheus: 5m)
 * @param maxPointsPerSeries the most steps a range query may have (Prometheus: 11,000)
 * @param maxSeries the most series a query may read, over all its selectors
 * @param timeout how long evaluation may take
 * @param windows whether a window's oldest edge is included (Prometheus 2) or not (Prometheus 3)
 * @param resolutions the resolutions samples are kept at, raw (0) first and then finer before coarser
 */
public record QuerySettings(Duration lookbackDelta, int maxPointsPerSeries, int maxSeries, Duration timeout, Windows windows,
        List<Resolution> resolutions) {

    /**
     * A resolution samples are kept at, and for how long.
     *
     * @param ms the width of a rollup bucket, or 0 for samples as they came
     */
    public record Resolution(long ms, Duration retention) {

        /** Samples as they came, kept forever: a source without rollups. */
        public static final Resolution RAW = new Resolution(0, ChronoUnit.FOREVER.getDuration());

        /** Whether samples at this resolution reach back to {@code fromMs}. */
        boolean reaches(long fromMs, long nowMs) {
            return retention.compareTo(Duration.ofMillis(Math.max(0, nowMs - fromMs))) >= 0;
        }
    }

    /** Which samples a window of length r ending at t holds; Prometheus 3 changed from the first to the second. */
    public enum Windows {
        /** {@code [t - r, t]}, as Prometheus 2.x (and Debian's promtool 2.42) evaluate. */
        CLOSED,
        /** {@code (t - r, t]}, as Prometheus 3 evaluates. */
        LEFT_OPEN
    }

    public QuerySettings {
        Objects.requireNonNull(lookbackDelta);
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(windows);
        resolutions = List.copyOf(resolutions);
        if (resolutions.isEmpty() || resolutions.getFirst().ms() != 0) {
            throw new IllegalArgumentException("the raw resolution (0) comes first");
        }
        if (lookbackDelta.toMillis() <= 0 || maxPointsPerSeries <= 0 || maxSeries <= 0 || timeout.toMillis() <= 0) {
            throw new IllegalArgumentException("lookback delta, limits and timeout must be positive");
        }
    }

    public static QuerySettings defaults() {
        return new QuerySettings(Duration.ofMinutes(5), 11_000, 100_000, Duration.ofMinutes(2), Windows.LEFT_OPEN,
                List.of(Resolution.RAW));
    }

    public QuerySettings withWindows(Windows windows) {
        return new QuerySettings(lookbackDelta, maxPointsPerSeries, maxSeries, timeout, windows, resolutions);
    }

    public QuerySettings withLookbackDelta(Duration lookbackDelta) {
        return new QuerySettings(lookbackDelta, maxPointsPerSeries, maxSeries, timeout, windows, resolutions);
    }

    public QuerySettings withResolutions(List<Resolution> resolutions) {
        return new QuerySettings(lookbackDelta, maxPointsPerSeries, maxSeries, timeout, windows, resolutions);
    }

    /**
     * The resolution a selector of a range query reads at. A rollup may stand for the samples when a
     * bucket is no wider than a step, and, for a range function, than half its window (so that a
     * window holds two buckets, as rate needs) or, for an instant selector, than the lookback delta
     * (so that a step finds a bucket). Of those, the finest whose samples reach back to
     * {@code fromMs}; else the one kept longest. An instant query ({@code stepMs} 0) reads raw samples.
     *
     * @param windowMs a range function's window, or 0 for an instant selector
     * @return the bucket width in milliseconds, 0 for raw samples
     */
    public long resolutionFor(long stepMs, long windowMs, long fromMs, long nowMs) {
        var usable = resolutions.stream().filter(resolution -> resolution.ms() == 0 || resolution.ms() <= stepMs
                && (windowMs > 0 ? 2 * resolution.ms() <= windowMs : resolution.ms() <= lookbackDelta.toMillis()))
                .toList();
        return usable.stream().filter(resolution -> resolution.reaches(fromMs, nowMs)).findFirst()
                .or(() -> usable.stream().max(Comparator.comparing(Resolution::retention))).orElseThrow().ms();
    }
}
