package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * An on-call schedule: its rotations (layers, lowest first) in one time zone.
 *
 * @param timeZone an IANA zone id; handoff times and layer starts are local times in it
 */
public record Schedule(UUID id, String name, String description, String timeZone, List<Layer> layers,
        Instant createdAt, Instant updatedAt, long version) {

    public Schedule {
        layers = List.copyOf(layers);
    }

    ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
