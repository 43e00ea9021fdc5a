package io.opsline.metrics.internal.promql;

import java.time.Duration;
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
 */
public record QuerySettings(Duration lookbackDelta, int maxPointsPerSeries, int maxSeries, Duration timeout, Windows windows) {

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
        if (lookbackDelta.toMillis() <= 0 || maxPointsPerSeries <= 0 || maxSeries <= 0 || timeout.toMillis() <= 0) {
            throw new IllegalArgumentException("lookback delta, limits and timeout must be positive");
        }
    }

    public static QuerySettings defaults() {
        return new QuerySettings(Duration.ofMinutes(5), 11_000, 100_000, Duration.ofMinutes(2), Windows.LEFT_OPEN);
    }

    public QuerySettings withWindows(Windows windows) {
        return new QuerySettings(lookbackDelta, maxPointsPerSeries, maxSeries, timeout, windows);
    }

    public QuerySettings withLookbackDelta(Duration lookbackDelta) {
        return new QuerySettings(lookbackDelta, maxPointsPerSeries, maxSeries, timeout, windows);
    }
}
