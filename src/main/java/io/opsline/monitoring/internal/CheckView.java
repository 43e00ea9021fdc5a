package io.opsline.monitoring.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiSummary;
import io.opsline.monitoring.CheckType;

/**
 * A check as the API and pages show it: secrets masked, with its CI's name.
 *
 * @param templateId the check template it comes from (and must be changed through); null when made by hand
 */
public record CheckView(UUID id, CiOfCheck ci, String name, CheckType type, Map<String, Object> params,
        int intervalSeconds, int retryIntervalSeconds, int maxAttempts, double timeoutSeconds, boolean enabled,
        UUID templateId, Instant createdAt, Instant updatedAt, long version) {

    /** The CI a check watches; name and class are null if it no longer exists. */
    public record CiOfCheck(UUID id, String name, CiClass ciClass) {
    }

    /** @param ci the check's CI, null when it is gone */
    public static CheckView of(CheckDefinition c, CiSummary ci) {
        var settings = CheckSettings.of(c);
        return new CheckView(c.id(), new CiOfCheck(c.ciId(), ci == null ? null : ci.name(),
                ci == null ? null : ci.ciClass()), c.name(), c.type(), settings.maskedParams(), c.intervalSeconds(),
                c.retryIntervalSeconds(), c.maxAttempts(), settings.timeoutSeconds(), c.enabled(), c.templateId(),
                c.createdAt(), c.updatedAt(), c.version());
    }
}
