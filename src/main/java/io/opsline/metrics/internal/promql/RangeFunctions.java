package io.opsline.metrics.internal.promql;

/**
 * The arithmetic of PromQL's range functions on samples {@code from} (included) to {@code to}
 * (excluded), written as Prometheus writes it so that results agree to the last bit.
 */
final class RangeFunctions {

    private RangeFunctions() {
    }

    /**
     * rate, increase and delta: the change over the samples, counter resets added back for counters,
     * extrapolated towards the window's edges as Prometheus' {@code extrapolatedRate} does: to an edge
     * when the first or last sample lies within 1.1 average intervals of it, else by half an interval,
     * and for counters never below the zero the first sample's slope points to.
     */
    static double extrapolatedRate(long[] timestamps, double[] values, int from, int to, long rangeStart, long rangeEnd,
            long rangeMs, boolean isCounter, boolean isRate) {
        var last = to - 1;
        var result = values[last] - values[from];
        if (isCounter) {
            var previous = values[from];
            for (var i = from + 1; i < to; i++) {
                var current = values[i];
                if (current < previous) {
                    result += previous;
                }
                previous = current;
            }
        }
        var durationToStart = (timestamps[from] - rangeStart) / 1000.0;
        var durationToEnd = (rangeEnd - timestamps[last]) / 1000.0;
        var sampledInterval = (timestamps[last] - timestamps[from]) / 1000.0;
        var averageDurationBetweenSamples = sampledInterval / (to - from - 1);
        if (isCounter && result > 0 && values[from] >= 0) {
            var durationToZero = sampledInterval * (values[from] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        var extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        var extrapolateToInterval = sampledInterval;
        extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
        extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
        var factor = extrapolateToInterval / sampledInterval;
        if (isRate) {
            factor /= seconds(rangeMs);
        }
        return result * factor;
    }

    /** Go's {@code Duration.Seconds()}: whole seconds plus the rest, which rounds as Prometheus rounds. */
    private static double seconds(long ms) {
        return (double) (ms / 1000) + (double) (ms % 1000 * 1_000_000) / 1e9;
    }

    /** irate and idelta: from the last two samples; a drop is a counter reset for irate. */
    static double instantRate(long[] timestamps, double[] values, int to, boolean isRate) {
        var last = values[to - 1];
        var previous = values[to - 2];
        var result = isRate && last < previous ? last : last - previous;
        if (isRate) {
            result /= (timestamps[to - 1] - timestamps[to - 2]) / 1000.0;
        }
        return result;
    }

    /** The running mean as Prometheus 2 keeps it, with infinities kept rather than turned into NaN. */
    static double average(double[] values, int from, int to) {
        var mean = 0.0;
        var count = 0;
        for (var i = from; i < to; i++) {
            count++;
            mean = nextMean(mean, values[i], count);
        }
        return mean;
    }

    /** The mean after adding the count-th value, dividing each side first against overflow, as Prometheus does. */
    static double nextMean(double mean, double value, int count) {
        if (Double.isInfinite(mean)) {
            if (Double.isInfinite(value) && (mean > 0) == (value > 0)) {
                return mean;
            }
            if (!Double.isInfinite(value) && !Double.isNaN(value)) {
                return mean;
            }
        }
        return mean + (value / count - mean / count);
    }

    static double minimum(double[] values, int from, int to) {
        var minimum = values[from];
        for (var i = from; i < to; i++) {
            if (values[i] < minimum || Double.isNaN(minimum)) {
                minimum = values[i];
            }
        }
        return minimum;
    }

    static double maximum(double[] values, int from, int to) {
        var maximum = values[from];
        for (var i = from; i < to; i++) {
            if (values[i] > maximum || Double.isNaN(maximum)) {
                maximum = values[i];
            }
        }
        return maximum;
    }

    static double sum(double[] values, int from, int to) {
        var sum = 0.0;
        for (var i = from; i < to; i++) {
            sum += values[i];
        }
        return sum;
    }
}
