package io.opsline.monitoring.internal.downtime;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A downtime as the API and pages show it, worked out at one moment.
 *
 * @param start for a one-off downtime its start; for a weekly one when the series began
 * @param end for a one-off downtime its end; for a weekly one the series' end, or null
 * @param recurrence null for a one-off downtime
 * @param current the window holding now, if any
 * @param next the next window to begin, if any
 */
public record DowntimeView(UUID id, ScopeView scope, String author, String comment, Instant start, Instant end,
        RecurrenceView recurrence, DowntimeStatus status, Window current, Window next, Instant createdAt,
        Instant cancelledAt, String cancelledBy) {

    /**
     * What it covers: a CI (with its dependents or not), one check of a CI, or a tag. Names are
     * null where the CI or check no longer exists.
     */
    public record ScopeView(UUID ciId, String ciName, UUID checkId, String checkName, String tag,
            boolean withDependents) {
    }

    /** A weekly schedule; days as lower-case names ({@code sunday}). */
    public record RecurrenceView(List<String> days, LocalTime startTime, long durationMinutes, String timeZone) {
    }
}
