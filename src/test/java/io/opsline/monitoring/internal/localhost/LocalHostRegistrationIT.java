package io.opsline.monitoring.internal.localhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.opsline.identity.Role;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Inventory;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckView;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.PluginRunner;
import io.opsline.platform.PageRequest;
import io.opsline.platform.PlatformProperties;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/**
 * The first start registers the host Opsline runs on, once, with checks that work. The context
 * is one of its own (registration is off in every other), closed afterwards so that it does not
 * hold a pool of database connections until the end of the run.
 */
@OpslineIntegrationTest
@TestPropertySource(properties = "opsline.monitoring.register-local-host=true")
@DirtiesContext
class LocalHostRegistrationIT {

    @Autowired
    Inventory inventory;
    @Autowired
    CiManagement cis;
    @Autowired
    CheckDefinitions checks;
    @Autowired
    LocalHostRegistration registration;
    @Autowired
    PluginRunner plugins;
    @Autowired
    PlatformProperties platform;
    @Autowired
    JdbcClient jdbc;

    private Map<String, CheckView> checksOf(UUID ci) {
        return checks.search(ci.toString(), null, PageRequest.of(0, 50)).items().stream()
                .collect(Collectors.toMap(CheckView::name, Function.identity()));
    }

    private long hostsNamed(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM ci WHERE ci_class = 'SERVER' AND name_key = ?")
                .param(name.toLowerCase()).query(Long.class).single();
    }

    private void startAgain() {
        registration.run(new DefaultApplicationArguments());
    }

    @Test
    void theFirstStartRegistersThisHostWithItsChecksAndLaterStartsLeaveItAlone() {
        var host = inventory.findByName(CiClass.SERVER, LocalHostRegistration.hostName()).orElseThrow();
        assertThat(host.status()).isEqualTo(CiStatus.ACTIVE);
        assertThat(host.addresses()).containsExactly("127.0.0.1");
        assertThat(host.tags()).containsExactly("linux", "opsline");

        var found = checksOf(host.id());
        assertThat(found).containsOnlyKeys("disk", "load", "memory", "opsline health");
        assertThat(found.get("disk").params()).containsEntry("plugin", "check_disk")
                .containsEntry("arguments", List.of("-w", "20%", "-c", "10%", "-p", "/"));
        assertThat(found.get("load").params()).containsEntry("plugin", "check_load");
        assertThat(found.get("load").params().get("arguments")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("-r");
        assertThat(found.get("memory").params()).containsEntry("plugin", "check_memory");
        var health = found.get("opsline health");
        assertThat(health.type()).isEqualTo(CheckType.HTTP);
        assertThat((String) health.params().get("url")).matches("http://127\\.0\\.0\\.1:\\d+/actuator/health");
        assertThat(health.params()).containsEntry("expectedStatus", List.of(200)).containsEntry("jsonPath", "$.status")
                .containsEntry("jsonExpected", "UP");
        var remembered = jdbc.sql("SELECT setting FROM monitoring_setting WHERE name = ?")
                .param(LocalHostRegistration.SETTING).query(String.class).single();
        assertThat(remembered).isEqualTo(host.id().toString());

        startAgain();
        assertThat(hostsNamed(host.name())).isEqualTo(1);
        assertThat(checksOf(host.id())).containsOnlyKeys("disk", "load", "memory", "opsline health");

        // A user who deletes the host is taken at their word.
        TestAccounts.actingAs("admin", Role.ADMIN, () -> {
            cis.delete(host.id());
            return null;
        });
        startAgain();
        assertThat(hostsNamed(host.name())).isZero();
    }

    @Test
    void theBundledMemoryPluginIsInstalledAndGivesANagiosResultWithPerformanceData() throws Exception {
        var executable = plugins.resolve("check_memory");
        assertThat(executable).startsWith(platform.dataDir().resolve("plugins").toRealPath());

        var result = plugins.run(executable, List.of("-w", "10%", "-c", "5%"), Duration.ofSeconds(10));
        assertThat(result.problems()).isEmpty();
        assertThat(result.state()).isIn(ServiceState.OK, ServiceState.WARNING, ServiceState.CRITICAL);
        assertThat(result.text()).matches("MEMORY (OK|WARNING|CRITICAL) - \\d+\\.\\d% available \\(\\d+ MiB of \\d+ MiB\\)");
        var perf = result.perfData().stream().collect(Collectors.toMap(PerfDatum::label, Function.identity()));
        assertThat(perf).containsOnlyKeys("available", "available_pct");
        assertThat(perf.get("available").unit()).isEqualTo("B");
        assertThat(perf.get("available").value()).isPositive().isLessThanOrEqualTo(perf.get("available").max());
        assertThat(perf.get("available_pct").unit()).isEqualTo("%");
        assertThat(perf.get("available_pct").max()).isEqualTo(100.0);
        assertThat(perf.get("available_pct").warn()).isNotNull();
    }

    @Test
    void theMemoryPluginJudgesAvailableMemoryByItsThresholds(@TempDir Path dir) throws Exception {
        var executable = plugins.resolve("check_memory");
        var meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:        1000000 kB\nMemFree:           10000 kB\nMemAvailable:      80000 kB\n");
        var file = meminfo.toString();

        var warning = plugins.run(executable, List.of("-w", "10", "-c", "5", "-f", file), Duration.ofSeconds(10));
        assertThat(warning.state()).isEqualTo(ServiceState.WARNING);
        assertThat(warning.text()).isEqualTo("MEMORY WARNING - 8.0% available (78 MiB of 976 MiB)");
        var pct = warning.perfData().stream().filter(d -> d.label().equals("available_pct")).findFirst().orElseThrow();
        assertThat(pct.value()).isEqualTo(8.0);
        // Nagios "10:" : below 10 alerts.
        assertThat(pct.warn().alerts(10.0)).isFalse();
        assertThat(pct.warn().alerts(9.9)).isTrue();

        assertThat(plugins.run(executable, List.of("-w", "20", "-c", "9", "-f", file), Duration.ofSeconds(10)).state())
                .isEqualTo(ServiceState.CRITICAL);
        assertThat(plugins.run(executable, List.of("-w", "5", "-c", "1", "-f", file), Duration.ofSeconds(10)).state())
                .isEqualTo(ServiceState.OK);
        var bad = plugins.run(executable, List.of("-w", "ten"), Duration.ofSeconds(10));
        assertThat(bad.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(bad.text()).contains("warning must be a whole percentage");
    }
}
