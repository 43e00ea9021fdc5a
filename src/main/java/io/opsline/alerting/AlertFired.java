package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert people are to hear of: a new alert opened (the first trigger of a problem, or the first
 * after its last alert was resolved), or a suppressed alert became active again. An alert that opens
 * suppressed (silence, maintenance, inhibition) is not announced when it opens, as nobody is to be
 * told; it is announced once what suppressed it ends while it is still open, with {@code at} the
 * moment that happened. Published once, by the node that stored the change.
 *
 * @param ciId the CI it is about, or null when no CI matched the sender's hints
 */
public record AlertFired(UUID alertId, String source, Severity severity, UUID ciId, String summary, Instant at) {
}
