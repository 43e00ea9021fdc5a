package io.opsline.monitoring.internal.state;

import io.opsline.monitoring.MonitoredState;

/** A check's status after a result, and what kind of change the result made. */
public record StateTransition<S extends MonitoredState>(CheckStatus<S> status, Kind kind) {

    public enum Kind {
        /** Nothing changed that anyone needs to hear about. */
        NONE,
        /** A problem appeared or changed while still unconfirmed (a retry follows). */
        SOFT_CHANGE,
        /** An unconfirmed problem went away before it was confirmed: nobody was told, nobody is. */
        SOFT_RECOVERY,
        /** The confirmed state changed: a problem confirmed, a problem changed, or a recovery. */
        HARD_CHANGE
    }

    public boolean isHardChange() {
        return kind == Kind.HARD_CHANGE;
    }
}
