package io.opsline.monitoring.internal.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.nagios.PluginPathException;
import io.opsline.monitoring.internal.nagios.PluginRunner;

/**
 * Runs a Nagios-compatible plugin for a check. Arguments may name the CI as Nagios commands
 * do: {@code $HOSTADDRESS$} (its address) and {@code $HOSTNAME$} (its name).
 */
public final class PluginCheck {

    private final PluginRunner plugins;

    public PluginCheck(PluginRunner plugins) {
        this.plugins = plugins;
    }

    public CheckResult run(CheckSpec.Plugin spec, String hostAddress, String hostName, Duration timeout) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        try {
            var executable = plugins.resolve(spec.plugin());
            var arguments = spec.arguments().stream().map(a -> a.replace("$HOSTADDRESS$", nullToEmpty(hostAddress))
                    .replace("$HOSTNAME$", nullToEmpty(hostName))).toList();
            return CheckResult.of(plugins.run(executable, arguments, timeout), startedAt, started);
        } catch (PluginPathException e) {
            // The plugin was there when the check was saved; it has since gone or moved.
            return CheckResult.endingNow(ServiceState.UNKNOWN, "UNKNOWN - " + e.getMessage(), List.of(), startedAt,
                    started);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
