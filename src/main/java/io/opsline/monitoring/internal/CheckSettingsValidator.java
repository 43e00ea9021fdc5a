package io.opsline.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.internal.nagios.PluginPathException;
import io.opsline.monitoring.internal.nagios.PluginRunner;
import io.opsline.platform.Choice;
import io.opsline.platform.Secrets;
import io.opsline.platform.Violations;

/**
 * The one judge of a check's settings, for checks and check templates alike: name, type and its
 * parameters (a plugin must exist in the plugin directories), intervals above the floor, attempts
 * and timeout. Also seals secret parameters for storage and opens them for running.
 */
@Component
public class CheckSettingsValidator {

    private static final int DEFAULT_INTERVAL = 60;
    private static final int DEFAULT_RETRY_INTERVAL = 30;
    private static final int DEFAULT_MAX_ATTEMPTS = 3;
    private static final double DEFAULT_TIMEOUT_SECONDS = 10;
    private static final int MAX_INTERVAL = 86_400;

    private final PluginRunner plugins;
    private final Secrets secrets;
    private final MonitoringProperties properties;

    CheckSettingsValidator(PluginRunner plugins, Secrets secrets, MonitoringProperties properties) {
        this.plugins = plugins;
        this.secrets = secrets;
        this.properties = properties;
    }

    /**
     * The settings, secrets sealed, or null with every problem added to {@code v} under the
     * input's field names ({@code name}, {@code params.port}, {@code intervalSeconds}, ...).
     *
     * @param existing the stored settings being replaced, whose secrets a masked value keeps; null when new
     */
    public CheckSettings validate(CheckSettingsInput input, CheckSettings existing, Violations v) {
        var before = v.list().size();
        var name = v.required("name", input.name(), 100);
        CheckType type = null;
        if (input.type() == null || input.type().isBlank()) {
            v.add("type", "is required: one of " + Choice.keys(CheckType.class));
        } else {
            type = Choice.parse(CheckType.class, input.type()).orElse(null);
            if (type == null) {
                v.add("type", "unknown check type '%s': use one of %s".formatted(input.type(),
                        Choice.keys(CheckType.class)));
            }
        }
        Map<String, Object> params = Map.of();
        if (type != null) {
            params = withStoredSecrets(type, input.params(), existing);
            if (CheckSpecs.read(type, params, v) instanceof CheckSpec.Plugin plugin && plugin.plugin() != null) {
                try {
                    plugins.resolve(plugin.plugin());
                } catch (PluginPathException e) {
                    v.add("params.plugin", e.getMessage());
                }
            }
        }
        var floor = (int) Math.max(1, properties.minInterval().toSeconds());
        var interval = seconds(v, "intervalSeconds", input.intervalSeconds(), Math.max(floor, DEFAULT_INTERVAL), floor);
        var retry = seconds(v, "retryIntervalSeconds", input.retryIntervalSeconds(),
                Math.max(floor, Math.min(interval, DEFAULT_RETRY_INTERVAL)), floor);
        var maxAttempts = input.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : input.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > 20) {
            v.add("maxAttempts", "must be from 1 to 20");
        }
        double timeout = input.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : input.timeoutSeconds();
        var maxTimeout = properties.maxTimeout().toMillis() / 1000.0;
        if (Double.isNaN(timeout) || timeout < 0.1 || timeout > maxTimeout) {
            v.add("timeoutSeconds", "must be from 0.1 to %s seconds".formatted(Wording.number(maxTimeout)));
        } else if (timeout > interval) {
            v.add("timeoutSeconds", "must not be longer than the interval (%d s)".formatted(interval));
        }
        if (v.list().size() > before) {
            return null;
        }
        return new CheckSettings(name, type, sealed(type, params), interval, retry, maxAttempts,
                (int) Math.round(timeout * 1000), input.enabled() == null || input.enabled());
    }

    /**
     * What stored settings look at, their secrets opened, for running a check. They were valid
     * when stored; a plugin that has gone since is the plugin runner's to report.
     */
    public CheckSpec spec(CheckType type, Map<String, Object> storedParams) {
        var params = new LinkedHashMap<>(storedParams);
        for (var secret : CheckSettings.SECRET_PARAMS.getOrDefault(type, Set.of())) {
            if (params.get(secret) instanceof String sealed) {
                params.put(secret, secrets.open(sealed));
            }
        }
        var v = new Violations();
        var spec = CheckSpecs.read(type, params, v);
        if (spec == null) {
            throw new IllegalStateException("stored parameters no longer read as a %s check: %s".formatted(type.key(),
                    v.list()));
        }
        return spec;
    }

    private static int seconds(Violations v, String field, Integer given, int fallback, int floor) {
        if (given == null) {
            return fallback;
        }
        if (given < floor || given > MAX_INTERVAL) {
            v.add(field, "must be from %d to %d seconds (the shortest allowed is opsline.monitoring.min-interval)"
                    .formatted(floor, MAX_INTERVAL));
            return fallback;
        }
        return given;
    }

    /** The parameters as given, with masked secrets replaced by the stored ones (opened). */
    private Map<String, Object> withStoredSecrets(CheckType type, Map<String, Object> given, CheckSettings existing) {
        var params = new LinkedHashMap<String, Object>();
        if (given != null) {
            given.forEach((k, value) -> {
                if (value != null) {
                    params.put(k, value);
                }
            });
        }
        for (var secret : CheckSettings.SECRET_PARAMS.getOrDefault(type, Set.of())) {
            if (Secrets.MASK.equals(params.get(secret))) {
                var stored = existing == null ? null : existing.params().get(secret);
                if (stored instanceof String sealed && existing.type() == type) {
                    params.put(secret, secrets.open(sealed));
                } else {
                    params.remove(secret);
                }
            }
        }
        return params;
    }

    private Map<String, Object> sealed(CheckType type, Map<String, Object> params) {
        var stored = new LinkedHashMap<>(params);
        for (var secret : CheckSettings.SECRET_PARAMS.getOrDefault(type, Set.of())) {
            if (stored.get(secret) instanceof String plain) {
                stored.put(secret, secrets.seal(plain));
            }
        }
        return stored;
    }
}
