package io.opsline.monitoring.internal.acknowledgement;

import java.time.Instant;
import java.util.UUID;

import io.opsline.monitoring.ServiceState;

/**
 * Someone took ownership of a check's problem, so nobody else is told about it again.
 *
 * @param state the problem state it was acknowledged in
 * @param sticky whether it lasts until the check recovers, rather than until its state changes
 * @param expiresAt when it ends regardless; null for no expiry
 * @param at when it was made
 */
public record Acknowledgement(UUID id, UUID checkId, UUID ciId, ServiceState state, String author, String comment,
        boolean sticky, Instant expiresAt, Instant at) {

    /**
     * Whether a confirmed change to {@code newState} ends it, as Nagios has it: a plain one ends
     * when the state differs from the one acknowledged (CRITICAL to WARNING, or to OK); a sticky
     * one only when the check recovers.
     */
    public boolean endsOn(ServiceState newState) {
        return sticky ? newState == ServiceState.OK : newState != state;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
