package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/** Someone is on an alert: escalation stops. {@code by} is a user's name or the sending tool's. */
public record AlertAcknowledged(UUID alertId, String by, Instant at) {
}
