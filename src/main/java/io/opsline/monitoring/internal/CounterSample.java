package io.opsline.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * A counter's reading (bytes through an interface, CPU seconds), kept between two runs of a
 * check so that the check can judge the rate rather than the ever-growing total.
 */
public record CounterSample(double value, Instant at) {

    /**
     * The per-second rate from an earlier reading to this one. A counter that went down was reset
     * (a reboot, a wrap), so what it counted since the reset is the increase, as Prometheus
     * reckons it. Empty without an earlier reading or time between the two.
     */
    public OptionalDouble perSecondSince(CounterSample earlier) {
        return perSecondSince(earlier, 0);
    }

    /**
     * The same for a counter of fixed width that wraps round at {@code wrapsAt} (2^32 for SNMP's
     * Counter32): a smaller value after a larger one below that width counted past the top.
     */
    public OptionalDouble perSecondSince(CounterSample earlier, double wrapsAt) {
        if (earlier == null || !at.isAfter(earlier.at())) {
            return OptionalDouble.empty();
        }
        var increase = value >= earlier.value() ? value - earlier.value()
                : wrapsAt > earlier.value() ? wrapsAt - earlier.value() + value : value;
        var seconds = Duration.between(earlier.at(), at).toNanos() / 1e9;
        return OptionalDouble.of(increase / seconds);
    }
}
