package io.opsline.servicedesk.internal.sla;

import java.time.LocalDate;

/** A whole day, in the calendar's time zone, on which nobody works; {@code name} may be null. */
public record Holiday(LocalDate date, String name) {
}
