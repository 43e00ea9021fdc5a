package io.opsline.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.Violations;

class CheckSpecsTest {

    private record Read(CheckSpec spec, Map<String, String> errors) {
    }

    private Read read(CheckType type, Map<String, Object> params) {
        var violations = new Violations();
        var spec = CheckSpecs.read(type, params, violations);
        return new Read(spec, FieldViolation.byField(violations.list()));
    }

    @Test
    void fillsSensibleDefaults() {
        var ping = (CheckSpec.Ping) read(CheckType.PING, Map.of()).spec();
        assertThat(ping.host()).isNull();
        assertThat(ping.packets()).isEqualTo(5);
        var tls = (CheckSpec.TlsCertificate) read(CheckType.TLS_CERTIFICATE, Map.of("host", "example.org")).spec();
        assertThat(tls.port()).isEqualTo(443);
        assertThat(tls.warningDays()).isEqualTo(30);
        assertThat(tls.verifyChain()).isTrue();
        var http = (CheckSpec.Http) read(CheckType.HTTP, Map.of("url", "https://127.0.0.1:8443/health")).spec();
        assertThat(http.method()).isEqualTo("GET");
        assertThat(http.followRedirects()).isTrue();
        assertThat(http.verifyTls()).isTrue();
        var passive = (CheckSpec.Passive) read(CheckType.PASSIVE, Map.of()).spec();
        assertThat(passive.freshness()).isNull();
        assertThat(passive.staleState()).isEqualTo(ServiceState.UNKNOWN);
    }

    @Test
    void readsNumbersGivenAsJsonNumbersOrText() {
        var tcp = (CheckSpec.Tcp) read(CheckType.TCP, Map.of("host", "10.0.0.1", "port", "22",
                "responseWarningMs", 200, "responseCriticalMs", "500")).spec();
        assertThat(tcp.port()).isEqualTo(22);
        assertThat(tcp.responseWarningMs().alerts(250)).isTrue();
        assertThat(tcp.responseCriticalMs().alerts(250)).isFalse();
    }

    @Test
    void namesEveryBadParameterAtOnce() {
        var read = read(CheckType.TCP, Map.of("port", 70000, "responseWarningMs", "20:10", "hots", "x"));
        assertThat(read.spec()).isNull();
        assertThat(read.errors()).containsOnlyKeys("params.port", "params.responseWarningMs", "params.hots");
        assertThat(read.errors().get("params.port")).isEqualTo("must be a whole number from 1 to 65535");
        assertThat(read.errors().get("params.responseWarningMs")).contains("start is greater than its end");
        assertThat(read.errors().get("params.hots")).startsWith("is not a parameter of a tcp check").contains("host");
    }

    @Test
    void aTcpCheckNeedsItsPort() {
        assertThat(read(CheckType.TCP, Map.of("host", "db1")).errors()).containsEntry("params.port", "is required");
    }

    @Test
    void refusesThresholdsInTheWrongOrder() {
        assertThat(read(CheckType.PING, Map.of("rttWarningMs", 600)).errors())
                .containsEntry("params.rttWarningMs", "must not be above rttCriticalMs");
        assertThat(read(CheckType.TLS_CERTIFICATE, Map.of("warningDays", 3, "criticalDays", 7)).errors())
                .containsKey("params.warningDays");
    }

    @Test
    void checksUrlsRegexesAndJsonPaths() {
        var read = read(CheckType.HTTP, Map.of("url", "ftp://x", "bodyRegex", "([a-z", "jsonExpected", "up",
                "method", "TRACE", "expectedStatus", List.of(200, 999)));
        assertThat(read.errors()).containsOnlyKeys("params.url", "params.bodyRegex", "params.jsonExpected",
                "params.method", "params.expectedStatus");
        assertThat(read(CheckType.HTTP, Map.of()).errors()).containsEntry("params.url", "is required");
    }

    @Test
    void snmpV3NeedsAUserAndLongEnoughPasswords() {
        var read = read(CheckType.SNMP, Map.of("version", "v3", "oid", "1.3.6.1.2.1.1.3.0", "authProtocol", "sha256",
                "authPassword", "short", "privProtocol", "aes128"));
        assertThat(read.errors()).containsOnlyKeys("params.user", "params.authPassword", "params.privPassword");
        var v2 = (CheckSpec.Snmp) read(CheckType.SNMP, Map.of("oid", ".1.3.6.1.2.1.2.2.1.10.1", "rate", true,
                "warning", "80000000")).spec();
        assertThat(v2.community()).isEqualTo("public");
        assertThat(v2.rate()).isTrue();
        assertThat(read(CheckType.SNMP, Map.of("oid", "sysUpTime")).errors()).containsKey("params.oid");
    }

    @Test
    void sshNeedsExactlyOneWayToAuthenticate() {
        assertThat(read(CheckType.SSH, Map.of("user", "nagios", "command", "uptime")).errors())
                .containsEntry("params.password", "give either a password or a privateKey");
        assertThat(read(CheckType.SSH, Map.of("user", "nagios", "command", "uptime", "password", "secret")).errors())
                .isEmpty();
    }

    @Test
    void aPluginNeedsANameAndTextArguments() {
        assertThat(read(CheckType.PLUGIN, Map.of("arguments", List.of(1, 2))).errors())
                .containsOnlyKeys("params.plugin", "params.arguments");
        var spec = (CheckSpec.Plugin) read(CheckType.PLUGIN, Map.of("plugin", "check_tcp", "arguments",
                List.of("-H", "$HOSTADDRESS$"))).spec();
        assertThat(spec.arguments()).containsExactly("-H", "$HOSTADDRESS$");
    }

    @Test
    void prometheusNeedsAMetricName() {
        assertThat(read(CheckType.PROMETHEUS, Map.of("url", "http://127.0.0.1:9100/metrics", "metric", "node load"))
                .errors()).containsOnlyKeys("params.metric");
        var spec = (CheckSpec.Prometheus) read(CheckType.PROMETHEUS, Map.of("url", "http://127.0.0.1:9100/metrics",
                "metric", "node_filesystem_avail_bytes", "labels", Map.of("mountpoint", "/"), "critical", "1e9:"))
                .spec();
        assertThat(spec.labels()).containsEntry("mountpoint", "/");
        assertThat(spec.critical().alerts(5e8)).isTrue();
    }

    @Test
    void aPassiveCheckGoesUnknownOrCriticalWhenStale() {
        var spec = (CheckSpec.Passive) read(CheckType.PASSIVE, Map.of("freshnessSeconds", 600, "staleState",
                "critical")).spec();
        assertThat(spec.freshness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(read(CheckType.PASSIVE, Map.of("staleState", "ok")).errors()).containsKey("params.staleState");
    }
}
