package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.UUID;

/** Someone takes over a schedule from {@code from} to {@code to}, above every layer. */
public record ShiftOverride(UUID id, UUID scheduleId, UUID userId, Instant from, Instant to, Instant createdAt,
        String createdBy) {

    static final String ORIGIN = "override";

    Turn turn() {
        return new Turn(userId, from, to, ORIGIN);
    }
}
