package io.opsline.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * A check already in a confirmed problem found its cause changed: a CI it depends on went down
 * since (the problem is now that CI's, {@code causedByCiId}), or came back up (the problem is the
 * check's own again, {@code causedByCiId} null). A dependent often fails before its parent's host
 * check has confirmed the parent down; this is how its problem is handed to the parent afterwards.
 */
public record ProblemCauseChanged(UUID checkId, UUID ciId, String checkName, ServiceState state, UUID causedByCiId,
        UUID previousCauseCiId, Instant at) {
}
