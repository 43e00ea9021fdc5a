package io.opsline.monitoring.internal.history;

/** What kind of thing a history entry records. */
public enum HistoryKind {
    /** A check's confirmed state changed. */
    HARD_STATE,
    /** A check's state changed while it was still being retried. */
    SOFT_STATE,
    /** A confirmed problem's cause changed: a CI it depends on went down or came back. */
    CAUSE_CHANGED,
    /** A CI's host state changed (up, down, unreachable). */
    HOST_STATE,
    FLAPPING_STARTED,
    FLAPPING_STOPPED,
    DOWNTIME_STARTED,
    DOWNTIME_ENDED,
    ACKNOWLEDGED,
    ACKNOWLEDGEMENT_REMOVED
}
