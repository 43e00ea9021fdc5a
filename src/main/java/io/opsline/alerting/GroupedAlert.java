package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as a member of its alert group, as other modules read it.
 *
 * @param ciId the CI it is about, or null when no CI matched the sender's hints
 * @param firedAt when it was first seen: when the trouble it reports began
 * @param resolvedAt when it ended; null while it is open
 */
public record GroupedAlert(UUID alertId, UUID groupId, UUID ciId, Severity severity, AlertStatus status,
        String summary, Instant firedAt, Instant resolvedAt) {
}
