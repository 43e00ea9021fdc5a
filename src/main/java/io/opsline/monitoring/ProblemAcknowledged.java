package io.opsline.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone took ownership of a check's problem. A sticky acknowledgement lasts until the check
 * recovers; a plain one until its state changes; either ends at {@code expiresAt} if set.
 */
public record ProblemAcknowledged(UUID acknowledgementId, UUID checkId, UUID ciId, String checkName,
        ServiceState state, String author, String comment, boolean sticky, Instant expiresAt, Instant at) {
}
