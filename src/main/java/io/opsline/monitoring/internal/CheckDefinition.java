package io.opsline.monitoring.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opsline.monitoring.CheckType;

/**
 * A stored check. {@code params} are as stored: secret values sealed.
 */
public record CheckDefinition(UUID id, UUID ciId, String name, CheckType type, Map<String, Object> params,
        int intervalSeconds, int retryIntervalSeconds, int maxAttempts, int timeoutMillis, boolean enabled,
        Instant createdAt, Instant updatedAt, long version) {
}
