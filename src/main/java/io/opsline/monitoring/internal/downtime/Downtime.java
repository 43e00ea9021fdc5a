package io.opsline.monitoring.internal.downtime;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored downtime.
 *
 * @param cancelledAt null unless cancelled
 */
public record Downtime(UUID id, Scope scope, String author, String comment, Schedule schedule, Instant createdAt,
        Instant cancelledAt, String cancelledBy) {

    public DowntimeStatus status(Instant now) {
        if (cancelledAt != null) {
            return DowntimeStatus.CANCELLED;
        }
        if (schedule.at(now).isPresent()) {
            return DowntimeStatus.ACTIVE;
        }
        return schedule.next(now).isPresent() ? DowntimeStatus.UPCOMING : DowntimeStatus.ENDED;
    }
}
