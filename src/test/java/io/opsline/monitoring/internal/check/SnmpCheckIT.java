package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.CounterSample;
import io.opsline.monitoring.internal.SnmpAuthProtocol;
import io.opsline.monitoring.internal.SnmpPrivProtocol;
import io.opsline.monitoring.internal.SnmpVersion;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.testing.Peers;

/** SNMP v2c and v3 GETs against a real Net-SNMP snmpd that the test starts on loopback. */
class SnmpCheckIT {

    private static final Path SNMPD = Path.of("/usr/sbin/snmpd");
    private static final String SYS_LOCATION = "1.3.6.1.2.1.1.6.0";
    private static final String SYS_UPTIME = "1.3.6.1.2.1.1.3.0";
    /** ifInOctets of the first interface (loopback): a Counter32. */
    private static final String IF_IN_OCTETS_1 = "1.3.6.1.2.1.2.2.1.10.1";

    @TempDir
    static Path dir;
    private static Process snmpd;
    private static int port;

    private final SnmpCheck check = new SnmpCheck();

    @BeforeAll
    static void startSnmpd() throws Exception {
        Peers.assumePresent(Files.isExecutable(SNMPD), "snmpd", "snmpd");
        port = Peers.freeUdpPort();
        var config = dir.resolve("snmpd.conf");
        Files.writeString(config, """
                agentAddress udp:127.0.0.1:%d
                rocommunity opsline-test 127.0.0.1
                createUser opsv3 SHA-256 "auth-secret-1" AES "priv-secret-1"
                rouser opsv3 priv
                sysLocation rack-7
                """.formatted(port));
        Files.createDirectories(dir.resolve("persist"));
        var builder = new ProcessBuilder(SNMPD.toString(), "-f", "-Ln", "-C", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        snmpd = builder.start();
        Peers.awaitReady("snmpd answering on port " + port, () -> new SnmpCheck().run(v2c(SYS_LOCATION,
                "opsline-test", false, null, null), "127.0.0.1", Duration.ofMillis(200), null).result().state()
                == ServiceState.OK);
    }

    @AfterAll
    static void stopSnmpd() {
        if (snmpd != null) {
            snmpd.destroyForcibly();
        }
    }

    private static CheckSpec.Snmp v2c(String oid, String community, boolean rate, String warning, String critical) {
        return new CheckSpec.Snmp(null, port, SnmpVersion.V2C, community, null, SnmpAuthProtocol.NONE, null,
                SnmpPrivProtocol.NONE, null, oid, rate, warning == null ? null : ThresholdRange.parse(warning),
                critical == null ? null : ThresholdRange.parse(critical));
    }

    private static CheckSpec.Snmp v3(String oid, String authPassword) {
        return new CheckSpec.Snmp(null, port, SnmpVersion.V3, null, "opsv3", SnmpAuthProtocol.SHA256, authPassword,
                SnmpPrivProtocol.AES128, "priv-secret-1", oid, false, null, null);
    }

    @Test
    void readsATextValueOverV2c() {
        var result = check.run(v2c(SYS_LOCATION, "opsline-test", false, null, null), "127.0.0.1",
                Duration.ofSeconds(2), null).result();
        assertThat(result.state()).isEqualTo(ServiceState.OK);
        assertThat(result.output()).isEqualTo("SNMP OK - " + SYS_LOCATION + " = \"rack-7\"");
    }

    @Test
    void holdsANumberToItsThresholds() {
        // The agent's uptime in hundredths of a second: above 0, far below a million for a fresh agent.
        var ok = check.run(v2c(SYS_UPTIME, "opsline-test", false, "0:1000000", null), "127.0.0.1",
                Duration.ofSeconds(2), null).result();
        assertThat(ok.state()).isEqualTo(ServiceState.OK);
        assertThat(ok.perfData().getFirst().value()).isPositive();
        var critical = check.run(v2c(SYS_UPTIME, "opsline-test", false, null, "@0:1000000"), "127.0.0.1",
                Duration.ofSeconds(2), null).result();
        assertThat(critical.state()).isEqualTo(ServiceState.CRITICAL);
        var text = check.run(v2c(SYS_LOCATION, "opsline-test", false, "10", null), "127.0.0.1",
                Duration.ofSeconds(2), null).result();
        assertThat(text.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(text.output()).contains("not a number");
    }

    @Test
    void turnsAnInterfaceCounterIntoARate() {
        var spec = v2c(IF_IN_OCTETS_1, "opsline-test", true, null, null);
        var first = check.run(spec, "127.0.0.1", Duration.ofSeconds(2), null);
        assertThat(first.result().output()).contains("its rate follows from the next run");
        // The first reading, dated ten seconds back: the rate spans time without the test waiting for it.
        var earlier = new CounterSample(first.counter().value(), first.counter().at().minusSeconds(10));
        var second = check.run(spec, "127.0.0.1", Duration.ofSeconds(2), earlier);
        assertThat(second.result().state()).isEqualTo(ServiceState.OK);
        assertThat(second.result().output()).startsWith("SNMP OK - rate(" + IF_IN_OCTETS_1 + ") = ").endsWith("/s");
        // snmpd caches interface counters for a few seconds, so the rate may be 0 here; never below.
        assertThat(second.result().perfData().getFirst().label()).isEqualTo("rate");
        assertThat(second.result().perfData().getFirst().value()).isNotNegative();
    }

    @Test
    void readsOverV3WithAuthenticationAndPrivacy() {
        var result = check.run(v3(SYS_LOCATION, "auth-secret-1"), "127.0.0.1", Duration.ofSeconds(2), null).result();
        assertThat(result.state()).as(result.output()).isEqualTo(ServiceState.OK);
        assertThat(result.output()).contains("\"rack-7\"");
    }

    @Test
    void aWrongV3PasswordIsCriticalAndSaysSo() {
        var result = check.run(v3(SYS_LOCATION, "wrong-secret-9"), "127.0.0.1", Duration.ofMillis(400), null)
                .result();
        assertThat(result.state()).as(result.output()).isEqualTo(ServiceState.CRITICAL);
        assertThat(result.output()).endsWith("(is the agent up, and are the user and passwords right?)");
    }

    @Test
    void aWrongCommunityGetsNoAnswerAndIsCriticalWithinTheTimeout() {
        var result = check.run(v2c(SYS_LOCATION, "not-the-community", false, null, null), "127.0.0.1",
                Duration.ofMillis(400), null).result();
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(result.output()).startsWith("SNMP CRITICAL - no answer within 400 ms")
                .endsWith("(is the agent up, and is the community right?)");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anObjectTheAgentDoesNotHaveIsUnknown() {
        var result = check.run(v2c("1.3.6.1.2.1.1.99.0", "opsline-test", false, null, null), "127.0.0.1",
                Duration.ofSeconds(2), null).result();
        assertThat(result.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(result.output()).contains("noSuch");
    }
}
