package io.opsline.monitoring.internal.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.opsline.monitoring.MonitoredState;
import io.opsline.monitoring.internal.state.CheckStatus;

/**
 * When checks run. Each check has a fixed phase within its interval, taken from its id, so that
 * thousands of checks with one interval spread evenly over it instead of all firing at once, and
 * a check keeps its slot across restarts and nodes. A run that is due late does not shift the
 * phase: missed slots are skipped, never made up in a burst.
 */
public final class Slots {

    private Slots() {
    }

    /** The first slot of a check at or after {@code now}. */
    public static Instant first(UUID checkId, Duration interval, Instant now) {
        var period = interval.toMillis();
        var phase = Math.floorMod(checkId.getMostSignificantBits() ^ checkId.getLeastSignificantBits(), period);
        var at = now.toEpochMilli();
        var due = at - Math.floorMod(at, period) + phase;
        return Instant.ofEpochMilli(due < at ? due + period : due);
    }

    /** The slot after the one due at {@code due}, the first one later than {@code now}. */
    public static Instant next(Instant due, Duration interval, Instant now) {
        var period = interval.toMillis();
        var from = due.toEpochMilli();
        var at = now.toEpochMilli();
        var missed = at < from ? 0 : (at - from) / period;
        return Instant.ofEpochMilli(from + (missed + 1) * period);
    }

    /** The interval to run at: the retry interval while a problem is unconfirmed, else the normal one. */
    public static Duration interval(CheckStatus<? extends MonitoredState> status, Duration normal, Duration retry) {
        return status.isRetrying() ? retry : normal;
    }
}
