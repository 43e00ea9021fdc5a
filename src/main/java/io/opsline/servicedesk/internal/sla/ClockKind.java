package io.opsline.servicedesk.internal.sla;

import io.opsline.platform.Choice;

/** What an SLA clock measures: until the first response, or until resolution. */
public enum ClockKind implements Choice {
    RESPONSE, RESOLUTION
}
