package io.opsline.monitoring.internal.state;

import java.time.Instant;

import io.opsline.monitoring.MonitoredState;
import io.opsline.monitoring.StateType;
import io.opsline.monitoring.internal.state.StateTransition.Kind;

/**
 * Nagios's soft and hard state rules. A problem is soft and retried until it has been seen on
 * {@code maxAttempts} results in a row, then hard; a hard problem that changes (WARNING to
 * CRITICAL) is a new hard change; a recovery from a hard problem is a hard change, one from a
 * soft problem is not. An OK result is always hard with attempt 1, as in Nagios and Icinga.
 */
public final class StateMachine {

    private StateMachine() {
    }

    public static <S extends MonitoredState> StateTransition<S> next(CheckStatus<S> current, S result,
            int maxAttempts, Instant at) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        var changed = !result.equals(current.state());
        var lastChange = changed ? at : current.lastChange();
        if (!result.isProblem()) {
            if (!current.state().isProblem()) {
                return same(new CheckStatus<>(result, StateType.HARD, 1, lastChange, current.lastHardChange(),
                        current.lastHardState()));
            }
            if (current.type() == StateType.SOFT) {
                return new StateTransition<>(new CheckStatus<>(result, StateType.HARD, 1, lastChange,
                        current.lastHardChange(), current.lastHardState()), Kind.SOFT_RECOVERY);
            }
            return hard(result, 1, lastChange, at);
        }
        if (!current.state().isProblem()) {
            return maxAttempts == 1 ? hard(result, 1, lastChange, at)
                    : new StateTransition<>(new CheckStatus<>(result, StateType.SOFT, 1, lastChange,
                            current.lastHardChange(), current.lastHardState()), Kind.SOFT_CHANGE);
        }
        if (current.type() == StateType.SOFT) {
            var attempt = current.attempt() + 1;
            if (attempt >= maxAttempts) {
                return hard(result, maxAttempts, lastChange, at);
            }
            var status = new CheckStatus<>(result, StateType.SOFT, attempt, lastChange, current.lastHardChange(),
                    current.lastHardState());
            return new StateTransition<>(status, changed ? Kind.SOFT_CHANGE : Kind.NONE);
        }
        // A confirmed problem stays confirmed; only a different problem state is news.
        return changed ? hard(result, current.attempt(), lastChange, at)
                : same(new CheckStatus<>(result, StateType.HARD, current.attempt(), lastChange,
                        current.lastHardChange(), current.lastHardState()));
    }

    private static <S extends MonitoredState> StateTransition<S> hard(S state, int attempt, Instant lastChange,
            Instant at) {
        return new StateTransition<>(new CheckStatus<>(state, StateType.HARD, attempt, lastChange, at, state),
                Kind.HARD_CHANGE);
    }

    private static <S extends MonitoredState> StateTransition<S> same(CheckStatus<S> status) {
        return new StateTransition<>(status, Kind.NONE);
    }
}
