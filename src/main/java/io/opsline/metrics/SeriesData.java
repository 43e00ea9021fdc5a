package io.opsline.metrics;

/**
 * One series' samples in a range, oldest first: {@code values[i]} at {@code timestamps[i]}
 * (milliseconds since the epoch), for i below {@code count}; no two samples at the same time.
 */
public record SeriesData(Labels labels, long[] timestamps, double[] values, int count) {
}
