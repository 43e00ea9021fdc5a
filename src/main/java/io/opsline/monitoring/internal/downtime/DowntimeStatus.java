package io.opsline.monitoring.internal.downtime;

import io.opsline.platform.Choice;

/** Where a downtime stands at a moment. */
public enum DowntimeStatus implements Choice {
    /** Its next window has yet to begin. */
    UPCOMING,
    /** One of its windows holds now. */
    ACTIVE,
    /** Its last window is over. */
    ENDED,
    /** Someone called it off; kept for the record. */
    CANCELLED
}
