package io.opsline.monitoring.internal;

import java.util.Map;

/**
 * A check as a client sends it, before validation. Secret parameters sent back as
 * {@value io.opsline.platform.Secrets#MASK} (as they are shown) keep their stored value.
 *
 * @param ci the configuration item's id
 * @param version required on update: the version last read
 */
public record CheckInput(String ci, String name, String type, Map<String, Object> params, Integer intervalSeconds,
        Integer retryIntervalSeconds, Integer maxAttempts, Double timeoutSeconds, Boolean enabled, Long version)
        implements CheckSettingsInput {
}
