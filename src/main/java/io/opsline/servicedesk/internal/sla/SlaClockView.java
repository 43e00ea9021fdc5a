package io.opsline.servicedesk.internal.sla;

import java.time.Duration;
import java.time.Instant;

import io.opsline.servicedesk.internal.IncidentView.Named;

/**
 * An SLA clock as pages, reports and the API show it, read at one instant. {@code elapsed} and
 * {@code remaining} are working time of the calendar; {@code dueAt} is null while the clock does not
 * count (on hold, or stopped within its target) and in the past once it is breached;
 * {@code percentage} is the share of the target used, above 100 once breached.
 */
public record SlaClockView(ClockKind kind, ClockState state, Named policy, Named calendar, Duration target,
        Duration elapsed, Duration remaining, int percentage, Instant startedAt, Instant dueAt, Instant stoppedAt,
        Instant warnedAt, Instant breachedAt) {
}
