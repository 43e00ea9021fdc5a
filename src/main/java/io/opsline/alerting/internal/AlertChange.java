package io.opsline.alerting.internal;

import java.time.Instant;
import java.util.UUID;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;
import io.opsline.platform.Ids;

/** One line of an alert's timeline. */
public record AlertChange(UUID id, UUID alertId, Instant at, Kind kind, AlertStatus status, Severity severity,
        String actor, String text) {

    public enum Kind {
        OPENED, SEVERITY_CHANGED, ACKNOWLEDGED, RESOLVED,
        /** Nobody is told any more; the text says why (the alert's {@code suppressedBy}). */
        SUPPRESSED,
        /** Told again: what suppressed it ended; the text says what that was. */
        UNSUPPRESSED
    }

    static AlertChange of(Alert alert, Instant at, Kind kind, String actor, String text) {
        return new AlertChange(Ids.newId(), alert.id(), at, kind, alert.status(), alert.severity(), actor, text);
    }
}
