package io.opsline.monitoring.internal.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.monitoring.CheckType;

/**
 * A check template as the API shows it: secrets masked, with how many checks it has now.
 *
 * @param applied what saving it just did to the checks; null when merely read
 */
public record TemplateView(UUID id, @JsonProperty("class") CiClass ciClass, List<String> tags,
        List<CiStatus> statuses, String name, CheckType type, Map<String, Object> params, int intervalSeconds,
        int retryIntervalSeconds, int maxAttempts, double timeoutSeconds, boolean enabled, long checks,
        Instant createdAt, Instant updatedAt, long version, ApplyReport applied) {

    static TemplateView of(CheckTemplate t, long checks, ApplyReport applied) {
        var c = t.check();
        return new TemplateView(t.id(), t.ciClass(), t.tags(), t.statuses(), c.name(), c.type(), c.maskedParams(),
                c.intervalSeconds(), c.retryIntervalSeconds(), c.maxAttempts(), c.timeoutSeconds(), c.enabled(), checks,
                t.createdAt(), t.updatedAt(), t.version(), applied);
    }
}
