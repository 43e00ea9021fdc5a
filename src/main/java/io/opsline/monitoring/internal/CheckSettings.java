package io.opsline.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.opsline.monitoring.CheckType;
import io.opsline.platform.Secrets;

/**
 * What a check does and how often: everything a check and a check template share, validated
 * ({@link CheckSettingsValidator}), secret parameters sealed.
 */
public record CheckSettings(String name, CheckType type, Map<String, Object> params, int intervalSeconds,
        int retryIntervalSeconds, int maxAttempts, int timeoutMillis, boolean enabled) {

    static final Map<CheckType, Set<String>> SECRET_PARAMS = Map.of(
            CheckType.SNMP, Set.of("community", "authPassword", "privPassword"),
            CheckType.SSH, Set.of("password", "privateKey"));

    public static CheckSettings of(CheckDefinition c) {
        return new CheckSettings(c.name(), c.type(), c.params(), c.intervalSeconds(), c.retryIntervalSeconds(),
                c.maxAttempts(), c.timeoutMillis(), c.enabled());
    }

    /** The parameters as people see them: secrets masked. */
    public Map<String, Object> maskedParams() {
        var shown = new LinkedHashMap<>(params);
        for (var secret : SECRET_PARAMS.getOrDefault(type, Set.of())) {
            shown.computeIfPresent(secret, (k, value) -> Secrets.MASK);
        }
        return shown;
    }

    public double timeoutSeconds() {
        return timeoutMillis / 1000.0;
    }
}
