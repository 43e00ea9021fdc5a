package io.opsline.servicedesk.internal.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What a report covers: incidents opened, answered and resolved from {@code from} (inclusive) to
 * {@code to} (exclusive), whole UTC days; optionally one team's or one business service's. The backlog
 * is always "open now" within the same team or service.
 */
public record ReportPeriod(LocalDate from, LocalDate to, UUID teamId, UUID serviceId) {

    /** The longest period one report covers: a day per point of its charts. */
    public static final int MAX_DAYS = 400;

    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
        return to.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public long days() {
        return Duration.between(start(), end()).toDays();
    }
}
