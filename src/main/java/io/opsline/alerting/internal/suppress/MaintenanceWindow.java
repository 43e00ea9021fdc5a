package io.opsline.alerting.internal.suppress;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A monitoring downtime's window as alerting knows it: alerts on its CIs are suppressed while it is
 * active.
 *
 * @param endedAt when monitoring said it ended, null while it has not
 * @param cancelled whether someone cancelled it before its end
 * @param active whether it was active when it was read: not ended, and its end not passed
 */
public record MaintenanceWindow(UUID downtimeId, Set<UUID> ciIds, Instant startedAt, Instant endsAt, String author,
        String comment, Instant endedAt, boolean cancelled, boolean active) {

    static boolean activeAt(Instant startedAt, Instant endsAt, Instant endedAt, Instant now) {
        return endedAt == null && !now.isBefore(startedAt) && now.isBefore(endsAt);
    }

    boolean activeAt(Instant now) {
        return activeAt(startedAt, endsAt, endedAt, now);
    }

    /** The reason an alert it suppresses records. */
    String reason() {
        return SuppressionPolicy.MAINTENANCE + downtimeId;
    }
}
