package io.opsline.servicedesk.internal.request;

import java.util.EnumSet;
import java.util.Set;

import io.opsline.platform.Choice;

/**
 * Where a service request is: submitted, waiting for its approver (when its type has one), approved
 * or rejected, in fulfilment while its tasks are worked, fulfilled, then closed; or cancelled by its
 * requester before fulfilment began.
 */
public enum RequestState implements Choice {

    SUBMITTED, AWAITING_APPROVAL, APPROVED, REJECTED, IN_FULFILMENT, FULFILLED, CLOSED, CANCELLED;

    /** The moves the desk makes by hand; approval, cancelling and finishing the last task have their own paths. */
    public Set<RequestState> staffMoves() {
        return switch (this) {
            case IN_FULFILMENT -> EnumSet.of(FULFILLED);
            case FULFILLED, REJECTED -> EnumSet.of(CLOSED);
            case SUBMITTED, AWAITING_APPROVAL, APPROVED, CLOSED, CANCELLED -> EnumSet.noneOf(RequestState.class);
        };
    }

    /** The requester may still withdraw it: nobody has started fulfilling it. */
    public boolean cancellable() {
        return this == SUBMITTED || this == AWAITING_APPROVAL || this == APPROVED;
    }

    /** Still someone's work: not rejected, fulfilled, closed or cancelled. */
    public boolean open() {
        return this == SUBMITTED || this == AWAITING_APPROVAL || this == APPROVED || this == IN_FULFILMENT;
    }
}
