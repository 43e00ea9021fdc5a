package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/** An alert is over. {@code by} is a user's name or the source that said so. */
public record AlertResolved(UUID alertId, String by, Instant at) {
}
