package io.opsline.monitoring.internal.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How the check engine runs.
 *
 * @param enabled whether this node runs checks at all (a node serving only the UI and API may not)
 * @param perTargetConcurrency how many checks may talk to one host at the same time, so that a
 *        host with many checks is not flooded when they fall due together
 * @param pluginConcurrency how many plugin processes may run at once; process start-up, not the
 *        network, is what limits plugins, and more processes than cores only queue in the kernel
 * @param flushInterval how long routine results (a check that was OK and still is) may wait to be
 *        written, all together; what a crash can lose, at most. Anything else (a problem, a state
 *        change, flapping) is written at once
 * @param flapLowThreshold percent state change below which a flapping check stops flapping
 * @param flapHighThreshold percent state change at or above which a check starts flapping
 * @param leaseDuration how long this node's claim on its share of the checks lasts unless renewed;
 *        when a node dies, others take over its checks after this long
 * @param syncInterval how often this node renews its claims and looks for checks changed on other nodes
 */
@Validated
@ConfigurationProperties("opsline.monitoring.engine")
public record EngineProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("16") @Min(1) @Max(10_000) int perTargetConcurrency,
        @DefaultValue("0") @Min(0) @Max(10_000) int pluginConcurrency,
        @DefaultValue("10s") @NotNull Duration flushInterval,
        @DefaultValue("20") @Min(0) @Max(100) double flapLowThreshold,
        @DefaultValue("30") @Min(0) @Max(100) double flapHighThreshold,
        @DefaultValue("30s") @NotNull Duration leaseDuration,
        @DefaultValue("10s") @NotNull Duration syncInterval) {

    /** The plugin concurrency to use: as configured, or by default four processes per core. */
    public int pluginSlots() {
        return pluginConcurrency > 0 ? pluginConcurrency : 4 * Runtime.getRuntime().availableProcessors();
    }
}
