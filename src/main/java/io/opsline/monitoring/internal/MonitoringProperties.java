package io.opsline.monitoring.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.opsline.monitoring.ServiceState;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Monitoring settings.
 *
 * @param pluginDirectories where plugin executables may live; a check naming a plugin anywhere
 *        else is refused (by default Debian's monitoring-plugins, and {@code plugins} in the data
 *        directory for the user's own: see application.yml)
 * @param pluginOutputLimit how much of a plugin's output is kept; the rest is cut off, as Nagios
 *        cuts it at 8 KB
 * @param timeoutState the state of a check that ran out of time (Nagios: CRITICAL; Icinga: UNKNOWN)
 * @param minInterval the shortest check or retry interval accepted, so that one check definition
 *        cannot flood a target or the scheduler
 * @param maxTimeout the longest timeout a check may have
 * @param refreshInterval how often each node re-reads downtimes and acknowledgements (to see what
 *        other nodes changed) and announces the downtime starts and ends and acknowledgement
 *        expiries that have come due
 * @param templateReconcileInterval how often every check template is applied again to the CIs that
 *        match it, catching whatever events missed (a CI changed straight in the database, a node down)
 * @param registerLocalHost whether the first start registers the host Opsline runs on as a server
 *        CI with default checks (disk, load, memory, Opsline's own health)
 */
@Validated
@ConfigurationProperties("opsline.monitoring")
public record MonitoringProperties(
        @NotEmpty List<Path> pluginDirectories,
        @DefaultValue("64KB") @NotNull DataSize pluginOutputLimit,
        @DefaultValue("UNKNOWN") @NotNull ServiceState timeoutState,
        @DefaultValue("10s") @NotNull Duration minInterval,
        @DefaultValue("300s") @NotNull Duration maxTimeout,
        @DefaultValue("15s") @NotNull Duration refreshInterval,
        @DefaultValue("60s") @NotNull Duration templateReconcileInterval,
        @DefaultValue("true") boolean registerLocalHost) {
}
