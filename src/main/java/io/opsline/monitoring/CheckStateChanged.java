package io.opsline.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * A check's confirmed (hard) state changed: a problem that is now certain, a different problem,
 * or a recovery. Published once, by the node that processed the result.
 *
 * @param causedByCiId the CI that is down and makes this one unreachable, so this problem is its
 *        consequence and not news of its own; null when the problem is the check's own
 * @param inDowntime whether the CI or check was in scheduled downtime when this happened
 * @param flapping whether the check was flapping, so people are not told about each change
 */
public record CheckStateChanged(UUID checkId, UUID ciId, String checkName, ServiceState state,
        ServiceState previousState, int attempt, String output, Instant at, UUID causedByCiId, boolean inDowntime,
        boolean flapping) {
}
