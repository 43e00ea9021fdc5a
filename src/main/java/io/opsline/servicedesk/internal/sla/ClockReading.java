package io.opsline.servicedesk.internal.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock read at one instant. The clock counts working time from {@code start} to its stop (or
 * on), leaving out the pauses. {@code warnAt} and {@code dueAt} are the instants at which the
 * warning share and the whole target are (or, counting on without a pause, will be) used up; null
 * when that does not happen while the clock counts. {@code counting} is false while it is paused or
 * stopped.
 */
record ClockReading(Duration elapsed, Instant warnAt, Instant dueAt, ClockState state, boolean counting) {

    static ClockReading read(BusinessTime time, Duration target, int warningPercent, Instant start, Instant stoppedAt,
            List<Pause> pauses, Instant now) {
        var segments = segments(start, stoppedAt, pauses);
        var elapsed = Duration.ZERO;
        for (var segment : segments) {
            var end = segment.end() == null || segment.end().isAfter(now) ? now : segment.end();
            elapsed = elapsed.plus(time.between(segment.start(), end));
        }
        var warning = Duration.ofMillis(target.toMillis() * warningPercent / 100);
        var counting = segments.stream().anyMatch(s -> s.end() == null);
        ClockState state;
        if (elapsed.compareTo(target) >= 0) {
            state = ClockState.BREACHED;
        } else if (stoppedAt != null) {
            state = ClockState.MET;
        } else {
            state = counting ? ClockState.RUNNING : ClockState.PAUSED;
        }
        return new ClockReading(elapsed, reach(time, segments, warning), reach(time, segments, target), state,
                counting);
    }

    /** The target left, never below zero. */
    Duration remaining(Duration target) {
        var left = target.minus(elapsed);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The share of the target used, in whole percent; above 100 once breached. */
    int percentage(Duration target) {
        return (int) (elapsed.toMillis() * 100 / target.toMillis());
    }

    /** The times the clock counts: from the start to the stop, the pauses left out; the last open when it counts on. */
    private static List<Segment> segments(Instant start, Instant stoppedAt, List<Pause> pauses) {
        var segments = new ArrayList<Segment>();
        Instant cursor = start;
        for (var pause : pauses.stream().sorted(Comparator.comparing(Pause::from)).toList()) {
            if (pause.to() != null && !pause.to().isAfter(cursor)) {
                continue;
            }
            if (pause.from().isAfter(cursor)) {
                segments.add(new Segment(cursor, pause.from()));
            }
            cursor = pause.to();
            if (cursor == null) {
                break;
            }
        }
        if (cursor != null) {
            segments.add(new Segment(cursor, null));
        }
        if (stoppedAt == null) {
            return segments;
        }
        var stopped = new ArrayList<Segment>();
        for (var segment : segments) {
            if (segment.start().isBefore(stoppedAt)) {
                var end = segment.end() == null || segment.end().isAfter(stoppedAt) ? stoppedAt : segment.end();
                stopped.add(new Segment(segment.start(), end));
            }
        }
        return stopped;
    }

    private static Instant reach(BusinessTime time, List<Segment> segments, Duration amount) {
        var counted = Duration.ZERO;
        for (var segment : segments) {
            var needed = amount.minus(counted);
            if (segment.end() == null) {
                return time.plus(segment.start(), needed);
            }
            var length = time.between(segment.start(), segment.end());
            if (length.compareTo(needed) >= 0) {
                return time.plus(segment.start(), needed);
            }
            counted = counted.plus(length);
        }
        return null;
    }

    private record Segment(Instant start, Instant end) {
    }
}
