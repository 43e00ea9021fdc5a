package io.opsline.servicedesk;

import java.util.EnumSet;
import java.util.Set;

import io.opsline.platform.Choice;

/** Where an incident is in its life, and where it may go from there. */
public enum IncidentState implements Choice {

    NEW, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED;

    /** The states this one may move to; a resolved incident reopens to In progress. */
    public Set<IncidentState> next() {
        return switch (this) {
            case NEW -> EnumSet.of(IN_PROGRESS, ON_HOLD, RESOLVED);
            case IN_PROGRESS -> EnumSet.of(ON_HOLD, RESOLVED);
            case ON_HOLD -> EnumSet.of(IN_PROGRESS, RESOLVED);
            case RESOLVED -> EnumSet.of(IN_PROGRESS, CLOSED);
            case CLOSED -> EnumSet.noneOf(IncidentState.class);
        };
    }

    public boolean canMoveTo(IncidentState target) {
        return next().contains(target);
    }

    /** Still someone's work: not resolved or closed. */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }
}
