package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert is over. {@code by} is a user's name or the source that said so; {@code ciId} is the CI
 * it was about, null when none, so that listeners need not read the alert for it.
 */
public record AlertResolved(UUID alertId, UUID ciId, String by, Instant at) {
}
