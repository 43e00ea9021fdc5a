package io.opsline.monitoring.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opsline.monitoring.CheckType;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;

/**
 * A stored check. {@code params} are as stored: secret values sealed.
 *
 * @param templateId the check template the check was created from and is kept in line with; null
 *        for a check made by hand
 */
public record CheckDefinition(UUID id, UUID ciId, String name, CheckType type, Map<String, Object> params,
        int intervalSeconds, int retryIntervalSeconds, int maxAttempts, int timeoutMillis, boolean enabled,
        Instant createdAt, Instant updatedAt, long version, UUID templateId) {

    /** A check made by hand, from no template. */
    public CheckDefinition(UUID id, UUID ciId, String name, CheckType type, Map<String, Object> params,
            int intervalSeconds, int retryIntervalSeconds, int maxAttempts, int timeoutMillis, boolean enabled,
            Instant createdAt, Instant updatedAt, long version) {
        this(id, ciId, name, type, params, intervalSeconds, retryIntervalSeconds, maxAttempts, timeoutMillis,
                enabled, createdAt, updatedAt, version, null);
    }

    /** A new check on a CI with these settings. */
    public static CheckDefinition create(UUID ciId, CheckSettings s, UUID templateId) {
        var now = Jdbc.now();
        return new CheckDefinition(Ids.newId(), ciId, s.name(), s.type(), s.params(),
                s.intervalSeconds(), s.retryIntervalSeconds(), s.maxAttempts(), s.timeoutMillis(), s.enabled(), now,
                now, 1, templateId);
    }

    /** This check with other settings, at the version it was read (for an optimistic update). */
    public CheckDefinition with(UUID newCiId, CheckSettings s) {
        return new CheckDefinition(id, newCiId, s.name(), s.type(), s.params(), s.intervalSeconds(),
                s.retryIntervalSeconds(), s.maxAttempts(), s.timeoutMillis(), s.enabled(), createdAt,
                Jdbc.now(), version, templateId);
    }
}
