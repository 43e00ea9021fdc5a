package io.opsline.monitoring.internal.history;

/** What kind of thing a history entry records. */
public enum HistoryKind {
    /** A check's confirmed state changed. */
    HARD_STATE,
    /** A check's state changed while it was still being retried. */
    SOFT_STATE,
    /** A CI's host state changed (up, down, unreachable). */
    HOST_STATE,
    FLAPPING_STARTED,
    FLAPPING_STOPPED,
    DOWNTIME_STARTED,
    DOWNTIME_ENDED,
    ACKNOWLEDGED,
    ACKNOWLEDGEMENT_REMOVED
}
