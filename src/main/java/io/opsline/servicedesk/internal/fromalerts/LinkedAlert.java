package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.UUID;

import io.opsline.alerting.AlertStatus;
import io.opsline.servicedesk.internal.IncidentView.Named;

/**
 * An alert an incident follows, as it is now.
 *
 * @param ci the CI it is about; null when none matched
 * @param severity critical, error, warning or info
 * @param firedAt when it was first seen
 * @param resolvedAt when it ended; null while it is open
 */
public record LinkedAlert(UUID alertId, UUID groupId, Named ci, String severity, AlertStatus status, String summary,
        Instant firedAt, Instant resolvedAt, Instant linkedAt) {
}
