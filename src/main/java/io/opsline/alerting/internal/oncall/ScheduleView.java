package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A schedule as people read it: its layers, the overrides that have not ended yet, and the
 * usernames of everyone named in either ({@code people}, by user id).
 */
public record ScheduleView(UUID id, String name, String description, String timeZone, List<Layer> layers,
        List<ShiftOverride> overrides, Map<UUID, String> people, Instant createdAt, Instant updatedAt,
        long version) {
}
