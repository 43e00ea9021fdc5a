package io.opsline.monitoring;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A scheduled downtime began: problems on these CIs are expected until {@code endsAt}. */
public record DowntimeStarted(UUID downtimeId, Set<UUID> ciIds, Instant startedAt, Instant endsAt, String author,
        String comment) {
}
