package io.opsline.alerting.internal.escalate;

/** Where an escalation stands. */
public enum EscalationStatus {
    /** Steps still to take: the next is due at its time. */
    ACTIVE,
    /** Someone acknowledged, or every alert of the group resolved: nobody more is notified. */
    STOPPED,
    /** Every level and repeat was notified without an acknowledgement. */
    EXHAUSTED,
    /** No routing rule matched the group: recorded, so it is looked at once, and nobody is paged. */
    UNROUTED
}
