package io.opsline.inventory.internal;

import java.time.Instant;
import java.util.UUID;

import io.opsline.inventory.RelationshipType;

/** A relationship with both ends described, as the API and pages show it. */
public record RelationshipView(UUID id, CiRef source, RelationshipType type, CiRef target, Instant createdAt) {
}
