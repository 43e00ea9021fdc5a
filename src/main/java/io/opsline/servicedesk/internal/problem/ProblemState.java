package io.opsline.servicedesk.internal.problem;

import java.util.EnumSet;
import java.util.Set;

import io.opsline.platform.Choice;

/** Where a problem is in its investigation, and where it may go from there. */
public enum ProblemState implements Choice {

    NEW, INVESTIGATING, KNOWN_ERROR, RESOLVED, CLOSED;

    @Override
    public String label() {
        return this == KNOWN_ERROR ? "Known error" : Choice.super.label();
    }

    /** The states this one may move to; a known error or a resolved problem goes back to investigation. */
    public Set<ProblemState> next() {
        return switch (this) {
            case NEW -> EnumSet.of(INVESTIGATING);
            case INVESTIGATING -> EnumSet.of(KNOWN_ERROR, RESOLVED);
            case KNOWN_ERROR -> EnumSet.of(INVESTIGATING, RESOLVED);
            case RESOLVED -> EnumSet.of(INVESTIGATING, CLOSED);
            case CLOSED -> EnumSet.noneOf(ProblemState.class);
        };
    }

    public boolean canMoveTo(ProblemState target) {
        return next().contains(target);
    }

    /** Still being worked on: not resolved or closed. */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }
}
