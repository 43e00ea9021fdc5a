package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * A new alert opened: the first trigger of a problem, or the first after its last alert was
 * resolved. Published once, by the node that stored it.
 *
 * @param ciId the CI it is about, or null when no CI matched the sender's hints
 */
public record AlertFired(UUID alertId, String source, Severity severity, UUID ciId, String summary, Instant at) {
}
