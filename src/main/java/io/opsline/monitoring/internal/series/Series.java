package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.util.List;

/**
 * One label's samples over a time range, condensed into time buckets.
 *
 * @param unit the base unit of the label's latest sample
 */
public record Series(String label, String unit, List<Point> points) {

    /**
     * The samples in one bucket.
     *
     * @param at where the bucket starts
     */
    public record Point(Instant at, double min, double avg, double max, long count) {
    }
}
