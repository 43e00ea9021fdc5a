package io.opsline.monitoring.internal.downtime;

import java.time.Instant;

/** One stretch of downtime, from {@code start} (included) to {@code end} (excluded). */
public record Window(Instant start, Instant end) {

    public Window {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a window must end after it starts: " + start + " – " + end);
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    /** Whether some of this window falls in [from, to). */
    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
