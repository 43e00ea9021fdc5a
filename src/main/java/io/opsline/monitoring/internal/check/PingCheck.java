package io.opsline.monitoring.internal.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.nagios.PluginPathException;
import io.opsline.monitoring.internal.nagios.PluginRunner;

/**
 * ICMP echo through monitoring-plugins' check_icmp, the tool Nagios and Icinga use: the JVM
 * cannot open raw sockets, check_icmp can (it runs with the CAP_NET_RAW Debian gives it), and
 * it reports round-trip time and packet loss with their thresholds as performance data.
 */
public final class PingCheck {

    private static final String PLUGIN = "check_icmp";

    private final PluginRunner plugins;

    public PingCheck(PluginRunner plugins) {
        this.plugins = plugins;
    }

    public CheckResult run(CheckSpec.Ping spec, String host, Duration timeout) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        try {
            var executable = plugins.resolve(PLUGIN);
            // check_icmp's own timeout is whole seconds; the runner's, a little later, is the backstop.
            var seconds = Math.max(1, timeout.toSeconds());
            var arguments = List.of("-H", host, "-n", String.valueOf(spec.packets()),
                    "-w", threshold(spec.rttWarningMs(), spec.lossWarningPercent()),
                    "-c", threshold(spec.rttCriticalMs(), spec.lossCriticalPercent()), "-t", String.valueOf(seconds));
            return CheckResult.of(plugins.run(executable, arguments, timeout.plusSeconds(1)), startedAt, started);
        } catch (PluginPathException e) {
            return CheckResult.endingNow(ServiceState.UNKNOWN, "PING UNKNOWN - ping checks need check_icmp from "
                    + "monitoring-plugins in a plugin directory: " + e.getMessage(), List.of(), startedAt, started);
        }
    }

    private static String threshold(double rttMs, double lossPercent) {
        return String.format(Locale.ROOT, "%.3f,%.0f%%", rttMs, lossPercent);
    }
}
