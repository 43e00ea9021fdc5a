package io.opsline.alerting.web;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a group's timeline on its page: the group's own changes, its alerts' changes and its
 * escalation's steps, merged in time order.
 *
 * @param alertId the alert the line is about; null for the group or its escalation
 * @param alertSummary that alert's summary
 * @param who who did it; null when Opsline did
 */
public record GroupTimelineLine(Instant at, String what, UUID alertId, String alertSummary, String who,
        String text) {
}
