package io.opsline.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.PluginOutput;

/**
 * What one run of a check found, whatever its type: the state, a line for people (plus more
 * lines if there is more to say), measured values, and when and how long it ran.
 *
 * @param duration how long the run took; null for a result sent in, whose run Opsline did not see
 */
public record CheckResult(ServiceState state, String output, String longOutput, List<PerfDatum> perfData,
        Instant startedAt, Duration duration) {

    /** A plugin's result; what could not be understood of its output is kept after its long output. */
    public static CheckResult of(PluginOutput plugin, Instant startedAt, long startedNanos) {
        var more = plugin.problems().isEmpty() ? plugin.longText()
                : (plugin.longText() + "\n" + String.join("\n", plugin.problems())).strip();
        return new CheckResult(plugin.state(), plugin.text(), more, plugin.perfData(), startedAt,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** A result of a check that started at {@code startedAt}, {@code startedNanos} on the nano clock, and ends now. */
    public static CheckResult endingNow(ServiceState state, String output, List<PerfDatum> perfData,
            Instant startedAt, long startedNanos) {
        return new CheckResult(state, output, "", perfData, startedAt,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
