package io.opsline.servicedesk.internal;

import java.util.Collection;
import java.util.stream.Collectors;

import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;

/** The 409 every record of the desk answers a move its lifecycle does not allow with, naming the allowed ones. */
public final class RefusedMove {

    private RefusedMove() {
    }

    /**
     * @param what    the record as people name it ("INC-000123", "The review")
     * @param allowed the states it may move to from {@code from}
     */
    public static ConflictException of(String what, Choice from, Choice to, Collection<? extends Choice> allowed) {
        return ConflictException.onField("state", what + " is " + from.label() + " and cannot move to " + to.label()
                + "; from " + from.label() + " it can move to " + (allowed.isEmpty() ? "nothing: it is final"
                        : allowed.stream().map(Choice::label).collect(Collectors.joining(", "))));
    }
}
