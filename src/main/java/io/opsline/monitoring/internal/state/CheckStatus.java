package io.opsline.monitoring.internal.state;

import java.time.Instant;

import io.opsline.monitoring.MonitoredState;
import io.opsline.monitoring.StateType;

/**
 * Where a check stands after its latest result, in Nagios terms.
 *
 * @param attempt which attempt this is: 1 while all is well, counting up while a problem is
 *        retried, held at the maximum once the problem is hard
 * @param lastChange when the state (hard or soft) last differed from the one before
 * @param lastHardChange when the hard state last changed; null until it first did
 * @param lastHardState the last confirmed state: what people were last told
 */
public record CheckStatus<S extends MonitoredState>(S state, StateType type, int attempt, Instant lastChange,
        Instant lastHardChange, S lastHardState) {

    /** The status before any result: assumed fine and confirmed, as Nagios starts a new check. */
    public static <S extends MonitoredState> CheckStatus<S> initial(S okState, Instant since) {
        return new CheckStatus<>(okState, StateType.HARD, 1, since, null, okState);
    }

    /** Whether the check is retrying an unconfirmed problem, so it runs at its retry interval. */
    public boolean isRetrying() {
        return type == StateType.SOFT && state.isProblem();
    }
}
