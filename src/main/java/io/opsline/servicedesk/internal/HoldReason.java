package io.opsline.servicedesk.internal;

import io.opsline.platform.Choice;

/** Why an incident waits: the SLA clock stops while it does. */
public enum HoldReason implements Choice {

    AWAITING_CALLER, AWAITING_VENDOR, AWAITING_CHANGE, AWAITING_PROBLEM
}
