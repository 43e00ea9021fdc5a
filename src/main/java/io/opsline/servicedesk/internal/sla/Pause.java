package io.opsline.servicedesk.internal.sla;

import java.time.Instant;

/** A time an incident's clocks did not count: on hold, or resolved; {@code to} is null while it lasts. */
record Pause(Instant from, Instant to) {
}
