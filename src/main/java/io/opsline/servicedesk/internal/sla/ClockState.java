package io.opsline.servicedesk.internal.sla;

import io.opsline.platform.Choice;

/** Where an SLA clock stands. */
public enum ClockState implements Choice {
    /** Counting, within its target. */
    RUNNING,
    /** Not counting (the incident is on hold), within its target. */
    PAUSED,
    /** Stopped within its target. */
    MET,
    /** Its target has passed, whether it still runs, waits or has stopped. */
    BREACHED
}
