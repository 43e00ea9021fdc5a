package io.opsline.monitoring;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A scheduled downtime ended, at its end time or because someone cancelled it. */
public record DowntimeEnded(UUID downtimeId, Set<UUID> ciIds, Instant endedAt, boolean cancelled) {
}
