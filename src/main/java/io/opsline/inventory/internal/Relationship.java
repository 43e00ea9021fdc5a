package io.opsline.inventory.internal;

import java.time.Instant;
import java.util.UUID;

import io.opsline.inventory.RelationshipType;

/** A typed, directed link between two CIs. */
public record Relationship(UUID id, UUID sourceId, UUID targetId, RelationshipType type, Instant createdAt) {

    /** The CI whose failure travels along this link. */
    UUID impactFrom() {
        return type.targetImpactsSource() ? targetId : sourceId;
    }

    /** The CI that failure reaches. */
    UUID impactTo() {
        return type.targetImpactsSource() ? sourceId : targetId;
    }
}
