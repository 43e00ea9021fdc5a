package io.opsline.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * A CI's host state changed: its host check (ping) confirmed it down or up, or a parent it runs
 * on or is connected to went down and made it UNREACHABLE.
 *
 * @param causedByCiId for UNREACHABLE, the parent that is down; null otherwise
 */
public record HostStateChanged(UUID ciId, String ciName, HostState state, HostState previousState,
        UUID causedByCiId, Instant at, String output) {
}
