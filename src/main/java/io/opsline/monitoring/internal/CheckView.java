package io.opsline.monitoring.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.monitoring.CheckType;

/** A check as the API and pages show it: secrets masked, with its CI's name. */
public record CheckView(UUID id, CiOfCheck ci, String name, CheckType type, Map<String, Object> params,
        int intervalSeconds, int retryIntervalSeconds, int maxAttempts, double timeoutSeconds, boolean enabled,
        Instant createdAt, Instant updatedAt, long version) {

    /** The CI a check watches; name and class are null if it no longer exists. */
    public record CiOfCheck(UUID id, String name, CiClass ciClass) {
    }
}
