package io.opsline.monitoring.internal.host;

import java.time.Instant;
import java.util.UUID;

import io.opsline.monitoring.HostState;

/**
 * A CI's host state.
 *
 * @param causedBy for UNREACHABLE, the parent that is down
 */
public record HostStatus(UUID ciId, HostState state, UUID causedBy, Instant lastChange, String output) {
}
