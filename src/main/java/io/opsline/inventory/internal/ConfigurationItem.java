package io.opsline.inventory.internal;

import java.time.Instant;
import java.util.UUID;

/** A stored configuration item: its content plus identity and bookkeeping. */
public record ConfigurationItem(UUID id, CiContent content, Instant createdAt, Instant updatedAt, long version) {
}
