package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.nagios.PluginRunner;
import tools.jackson.databind.json.JsonMapper;

/** The runner aims each check type at its CI: a TCP check at the CI's address, a plugin with the CI's name. */
class CheckRunnerIT {

    private final CheckRunner runner = new CheckRunner(new PluginRunner(List.of(Path.of("/usr/lib/nagios/plugins")),
            65536, ServiceState.UNKNOWN), JsonMapper.builder().build());

    private static CiSummary ci(String name, List<String> addresses) {
        return new CiSummary(UUID.randomUUID(), CiClass.SERVER, name, CiStatus.ACTIVE, Environment.PRODUCTION,
                Criticality.HIGH, null, List.of(), addresses);
    }

    @Test
    void aimsAtTheChecksOwnHostElseTheCisFirstAddressElseItsName() {
        assertThat(CheckRunner.host("10.9.9.9", ci("web01", List.of("127.0.0.1")))).isEqualTo("10.9.9.9");
        assertThat(CheckRunner.host(null, ci("web01", List.of("127.0.0.1", "10.0.0.2")))).isEqualTo("127.0.0.1");
        assertThat(CheckRunner.host(null, ci("web01.example.org", List.of()))).isEqualTo("web01.example.org");
    }

    @Test
    void runsATcpCheckAgainstTheCisAddress() throws IOException {
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var spec = new CheckSpec.Tcp(null, server.getLocalPort(), null, null, null, null);
            var run = runner.run(spec, ci("db01", List.of("127.0.0.1")), Duration.ofSeconds(5), null);
            assertThat(run.result().state()).isEqualTo(ServiceState.OK);
            assertThat(run.result().output()).contains("127.0.0.1 port " + server.getLocalPort());
            assertThat(run.counter()).isNull();
        }
    }

    @Test
    void aPassiveCheckIsNeverRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> runner.run(new CheckSpec.Passive(null,
                ServiceState.UNKNOWN), ci("x", List.of()), Duration.ofSeconds(1), null));
    }
}
