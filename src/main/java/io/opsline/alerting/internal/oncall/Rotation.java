package io.opsline.alerting.internal.oncall;

/** How often a layer hands over to its next participant. */
public enum Rotation {
    /** Every day at the handoff time. */
    DAILY,
    /** Every week on the handoff day at the handoff time. */
    WEEKLY,
    /** Every so many hours of wall-clock time, counted from the layer's start. */
    CUSTOM
}
