package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.PluginRunner;
import io.opsline.testing.Peers;

/** Pings loopback through Debian's check_icmp, and runs plugins with Nagios macros in their arguments. */
class PingCheckIT {

    private static final Path DEBIAN_PLUGINS = Path.of("/usr/lib/nagios/plugins");
    private final PluginRunner runner = new PluginRunner(List.of(DEBIAN_PLUGINS), 65536, ServiceState.UNKNOWN);

    @BeforeEach
    void needMonitoringPlugins() {
        Peers.assumePresent(Files.isExecutable(DEBIAN_PLUGINS.resolve("check_icmp")), "monitoring-plugins",
                "monitoring-plugins-basic");
    }

    @Test
    void loopbackAnswersEveryPingWithRoundTripTimeAndLoss() {
        var result = new PingCheck(runner).run(new CheckSpec.Ping(null, 3, 200, 500, 20, 60), "127.0.0.1",
                Duration.ofSeconds(10));
        assertThat(result.state()).isEqualTo(ServiceState.OK);
        assertThat(result.output()).startsWith("OK - 127.0.0.1: rta").contains("lost 0%");
        assertThat(result.perfData()).extracting(PerfDatum::label).contains("rta", "pl");
        var loss = result.perfData().stream().filter(p -> p.label().equals("pl")).findFirst().orElseThrow();
        assertThat(loss.value()).isZero();
        assertThat(loss.warn().toString()).isEqualTo("20");
    }

    @Test
    void roundTripTimeIsHeldToTheThresholds() {
        // Any round trip takes more than 0 ms.
        var warning = new PingCheck(runner).run(new CheckSpec.Ping(null, 2, 0, 500, 20, 60), "127.0.0.1",
                Duration.ofSeconds(10));
        assertThat(warning.state()).isEqualTo(ServiceState.WARNING);
        var critical = new PingCheck(runner).run(new CheckSpec.Ping(null, 2, 0, 0, 20, 60), "127.0.0.1",
                Duration.ofSeconds(10));
        assertThat(critical.state()).isEqualTo(ServiceState.CRITICAL);
    }

    @Test
    void withoutCheckIcmpInThePluginDirectoriesAPingIsUnknownAndSaysWhy(@TempDir Path empty) {
        var result = new PingCheck(new PluginRunner(List.of(empty), 4096, ServiceState.UNKNOWN))
                .run(new CheckSpec.Ping(null, 1, 200, 500, 20, 60), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(result.output()).contains("need check_icmp from monitoring-plugins");
    }

    @Test
    void pluginArgumentsNameTheCiAsNagiosMacrosDo() {
        var result = new PluginCheck(runner).run(new CheckSpec.Plugin("check_dummy",
                List.of("1", "$HOSTNAME$ at $HOSTADDRESS$ is slow")), "10.1.2.3", "web01", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.WARNING);
        assertThat(result.output()).isEqualTo("WARNING: web01 at 10.1.2.3 is slow");
    }

    @Test
    void aPluginThatVanishedSinceTheCheckWasSavedIsUnknown() {
        var result = new PluginCheck(runner).run(new CheckSpec.Plugin("check_gone", List.of()), "10.1.2.3", "web01",
                Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(result.output()).contains("no plugin 'check_gone'");
    }
}
