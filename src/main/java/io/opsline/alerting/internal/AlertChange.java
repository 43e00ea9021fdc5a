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
        OPENED, SEVERITY_CHANGED, ACKNOWLEDGED, RESOLVED
    }

    static AlertChange of(Alert alert, Instant at, Kind kind, String actor, String text) {
        return new AlertChange(Ids.newId(), alert.id(), at, kind, alert.status(), alert.severity(), actor, text);
    }
}
