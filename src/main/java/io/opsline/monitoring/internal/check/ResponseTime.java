package io.opsline.monitoring.internal.check;

import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;

/**
 * A measured response time against thresholds set in milliseconds, reported as plugins report
 * it: {@code time} in seconds, with the thresholds converted to match.
 */
final class ResponseTime {

    private ResponseTime() {
    }

    /** @param maxSeconds the most it could have taken (the timeout), or null */
    static PerfDatum perfDatum(double millis, ThresholdRange warningMs, ThresholdRange criticalMs, Double maxSeconds) {
        return new PerfDatum("time", millis / 1000.0, "s", seconds(warningMs), seconds(criticalMs), 0.0, maxSeconds);
    }

    private static ThresholdRange seconds(ThresholdRange millis) {
        return millis == null ? null : millis.inLargerUnit(3);
    }
}
