package io.opsline.servicedesk.internal.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.opsline.servicedesk.Priority;

/**
 * Targets for incidents of one priority, measured in working time of a calendar; with a
 * {@code serviceId} only for incidents affecting that business service, and then it wins over the
 * general policy of the priority; with a {@code customerId} (never both) only for incidents of that
 * customer, and then it wins over both. A clock warns at {@code warningPercent} of its target.
 */
public record SlaPolicy(UUID id, String name, Priority priority, UUID serviceId, UUID customerId, UUID calendarId,
        Duration responseTarget, Duration resolutionTarget, int warningPercent, Instant createdAt, Instant updatedAt,
        long version) {

    Duration target(ClockKind kind) {
        return switch (kind) {
            case RESPONSE -> responseTarget;
            case RESOLUTION -> resolutionTarget;
        };
    }
}
