package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.platform.Ids;

/**
 * One line of an alert's timeline. The line an alert's end makes is not stored: its row holds when
 * and by whom, and {@link #resolution} makes the line from that.
 */
public record AlertChange(UUID id, UUID alertId, Instant at, Kind kind, AlertStatus status, Severity severity,
        String actor, String text) {

    public enum Kind {
        OPENED, SEVERITY_CHANGED, ACKNOWLEDGED, RESOLVED,
        /** Nobody is told any more; the text says why (the alert's {@code suppressedBy}). */
        SUPPRESSED,
        /** Told again: what suppressed it ended; the text says what that was. */
        UNSUPPRESSED
    }

    /** Timeline order: by time, and lines of one instant by kind. */
    static final Comparator<AlertChange> ORDER = Comparator.comparing(AlertChange::at)
            .thenComparing(change -> change.kind().name());

    static AlertChange of(Alert alert, Instant at, Kind kind, String actor, String text) {
        return new AlertChange(Ids.newId(), alert.id(), at, kind, alert.status(), alert.severity(), actor, text);
    }

    /** The RESOLVED line of a resolved alert, with an id that is the same each time it is made. */
    static AlertChange resolution(Alert alert) {
        return new AlertChange(Ids.named("resolved:" + alert.id()), alert.id(), alert.resolvedAt(), Kind.RESOLVED,
                AlertStatus.RESOLVED, alert.severity(), alert.resolvedBy(), null);
    }
}
