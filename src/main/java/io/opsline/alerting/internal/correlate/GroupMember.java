package io.opsline.alerting.internal.correlate;

import java.time.Instant;
import java.util.UUID;

import io.opsline.alerting.Severity;

/**
 * An alert as member of its group, with what correlation needs of it.
 *
 * @param open whether the alert is not resolved
 * @param summary the alert's summary when it joined: the group's title if it is the root cause
 * @param reason why it joined this group
 * @param openedGroup whether the group was opened for it; else it joined an open group
 */
public record GroupMember(UUID alertId, UUID groupId, UUID ciId, Severity severity, boolean open, Instant firstSeen,
        String summary, Instant joinedAt, String reason, boolean openedGroup) {
}
