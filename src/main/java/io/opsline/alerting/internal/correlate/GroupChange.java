package io.opsline.alerting.internal.correlate;

import java.time.Instant;
import java.util.UUID;

import io.opsline.platform.Ids;

/** One line of a group's timeline. */
public record GroupChange(UUID id, UUID groupId, Instant at, Kind kind, UUID alertId, String text) {

    private static final int MAX_TEXT = 1000;

    public enum Kind {
        OPENED, ALERT_JOINED, ROOT_CAUSE_CHANGED, RESOLVED
    }

    static GroupChange of(UUID groupId, Instant at, Kind kind, UUID alertId, String text) {
        return new GroupChange(Ids.newId(), groupId, at, kind, alertId,
                text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text);
    }
}
