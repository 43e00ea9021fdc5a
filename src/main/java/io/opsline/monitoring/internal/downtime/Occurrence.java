package io.opsline.monitoring.internal.downtime;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A window of a downtime whose start was announced, and whose end is still to announce.
 *
 * @param ciIds the CIs its start named
 * @param cancelledAt when its downtime was cancelled, if it was
 */
record Occurrence(UUID downtimeId, Window window, Set<UUID> ciIds, Instant cancelledAt) {
}
